// The ledger's table fits the output width as check's does (contract §14): columns
// give way in the order ledger.ts states, file paths are cut in the middle, a foot
// line names what was left out; CSV, JSON and NDJSON never change with the width.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import type { LedgerLine } from "../src/domain/ledger-line.js";
import { BUILT_IN_REGIMES } from "../src/domain/regimes.js";
import { fitColumns } from "../src/report/fit.js";
import { renderLedgerTable } from "../src/report/ledger.js";
import { cutMiddle, truncate, wrap } from "../src/report/width.js";
import { capcheck, EXAMPLE } from "./helpers.js";

/** A ledger line, as the domain makes them, with `changes` to the first row of fixtures/example/. */
function lineOf(changes: Partial<LedgerLine>): LedgerLine {
  const line: LedgerLine = {
    date: "2024-01-31",
    file: "fixtures/example/committee-2024.csv",
    line: 2,
    key: "Russian Federation",
    product: "refined",
    quantity: "15279",
    unit: "bbl",
    barrels: "15279.000",
    rule: "barrels",
    regime: "unscr2397-refined",
    period: "2024",
    runningTotal: "15279.000",
    share: "0.030558",
    mark: "",
    basis: "reported",
    atLeast: false,
    source: null,
    id: "un1718-2024-ru",
    barrelsMilli: 15_279_000,
    runningMilli: 15_279_000,
    shareMicros: 30_558,
  };
  return { ...line, ...changes };
}

const LEDGER = [
  lineOf({}),
  lineOf({
    date: "2024-08-31",
    line: 3,
    key: "China",
    id: "un1718-2024-cn",
    quantity: "153400",
    barrels: "153400.000",
    runningTotal: "168679.000",
    share: "0.337358",
  }),
  lineOf({
    date: "2024-10-31",
    file: "fixtures/example/tanker-deliveries-estimated-2024.csv",
    line: 12,
    key: "Unknown (tanker deliveries)",
    basis: "estimated",
    id: "us-2024-10",
    quantity: "700000",
    barrels: "233333.333",
    rule: "capacity:1/3",
    runningTotal: "402012.333",
    share: "0.804025",
    mark: "75",
  }),
];

function table(width: number, lines: readonly LedgerLine[] = LEDGER, by = "exporter"): string {
  return [...renderLedgerTable(() => lines, by, BUILT_IN_REGIMES, width)].join("");
}

/** The headings of a table's first line. */
const headings = (text: string) => (text.split("\n")[0] as string).split(/ {2,}/);

const EVERY = [
  "date",
  "file:line",
  "id",
  "exporter",
  "basis",
  "product",
  "as given",
  "barrels",
  "rule",
  "regime",
  "period",
  "running total",
  "% of cap",
  "mark",
];

describe("the ledger's table at a width", () => {
  it.each([
    [250, EVERY],
    [
      120,
      [
        "date",
        "file:line",
        "exporter",
        "basis",
        "product",
        "barrels",
        "running total",
        "% of cap",
        "mark",
      ],
    ],
    [
      100,
      ["date", "file:line", "exporter", "product", "barrels", "running total", "% of cap", "mark"],
    ],
    [80, ["date", "file:line", "product", "barrels", "running total", "% of cap", "mark"]],
  ])("at %i columns keeps these columns, no line wider", (width, kept) => {
    const text = table(width);
    expect(headings(text)).toEqual(kept);
    for (const line of text.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(width);
    // Every row whole, on a line of its own: its date, its line number, its share.
    expect(text).toMatch(/^2024-01-31 .*:2 .* 3\.06%$/m);
    expect(text).toMatch(/^2024-10-31 .*:12 .* 80\.40% {2}75$/m);
  });

  it("names the columns left out, and where to see them all, in a last line", () => {
    expect(table(250)).not.toContain("left out");
    const foot = table(80).trimEnd().split("\n\n").at(-1)?.replace(/\n +/g, " ");
    expect(foot).toBe(
      "(id, exporter, basis, as given, rule, regime, period left out to fit 80 columns; --format csv shows every column)",
    );
  });

  it("cuts file paths in the middle, keeping the file's name and line", () => {
    const rows = (width: number) => table(width).split("\n");
    expect(rows(250)[1]).toMatch(/^2024-01-31 {2}fixtures\/example\/committee-2024\.csv:2 /);
    // The directories give way first: a `…` where they were.
    expect(rows(160)[1]).toMatch(/^2024-01-31 {2}fixt…\/committee-2024\.csv:2 /);
    expect(rows(124)[1]).toMatch(/^2024-01-31 {2}…\/committee-2024\.csv:2 /);
    expect(rows(120)[1]).toMatch(/^2024-01-31 {2}…committee-2024\.csv:2 /);
    // A `…` even where the name alone would just fit.
    expect(rows(118)[1]).toMatch(/^2024-01-31 {2}committe…2024\.csv:2 /);
    // Then the middle of the file's name.
    expect(rows(120)[3]).toMatch(/^2024-10-31 {2}tanker-de…2024\.csv:12 /);
    expect(rows(80)[1]).toMatch(/^2024-01-31 {2}commit…24\.csv:2 /);
  });

  it("keeps the date, file:line, product, barrels, running total, % of cap and mark at any width", () => {
    const text = table(20);
    expect(headings(text)).toEqual([
      "date",
      "file:line",
      "product",
      "barrels",
      "running total",
      "% of cap",
      "mark",
    ]);
    // The path at its shortest: 12 columns, its line number whole.
    expect(text).toMatch(/^2024-10-31 {2}tank…\.csv:12 /m);
  });

  it("measures wide and multi-byte names by display width", () => {
    const wide = [
      lineOf({ key: "中华人民共和国", file: "データ/輸出記録-2024年.csv" }),
      lineOf({ key: "Côte d'Ivoire", line: 3 }),
      lineOf({ key: "Plain", line: 4, file: "データ/輸出記録-2024年第二四半期の報告.csv" }),
    ];
    for (const width of [80, 100, 120, 250]) {
      const text = table(width, wide);
      for (const line of text.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      // The barrels column ends at the same display column on every row.
      const rows = text.split("\n").filter((l) => l.startsWith("2024-"));
      const ends = rows.map((row) => stringWidth(row.slice(0, row.search(/\d\.\d{3} /) + 5)));
      expect(new Set(ends).size).toBe(1);
    }
    const at120 = table(120, wide);
    expect(headings(at120)).toContain("exporter");
    expect(at120).toContain("中华人民共和国");
    // A wide path is cut by display width, between whole characters.
    expect(table(80, wide)).toMatch(/^2024-01-31 {2}輸出記…告\.csv:4 /m);
    // A wide `--by` heading is measured as the terminal shows it, too.
    expect(headings(table(250, wide, "輸出国"))).toContain("輸出国");
  });
});

describe("fitColumns", () => {
  const columns = [
    { id: "a", width: 10, heading: 1 },
    { id: "b", width: 30, heading: 1 },
    { id: "c", width: 20, heading: 5 },
    { id: "d", width: 10, heading: 1 },
  ];
  const yields = [{ cut: "b", to: 12 }, { cut: "c", to: 12 }, { drop: ["d"] }] as const;

  it("keeps every column whole when they fit", () => {
    const fit = fitColumns(columns, yields, 76);
    expect(fit.kept).toEqual(["a", "b", "c", "d"]);
    expect([...fit.widths.values()]).toEqual([10, 30, 20, 10]);
  });

  it("cuts the widest column a cut may shorten first, then drops", () => {
    expect([...fitColumns(columns, yields, 60).widths.values()]).toEqual([10, 14, 20, 10]);
    // Both may be cut: the wider gives way until they are even.
    expect([...fitColumns(columns, yields, 50).widths.values()]).toEqual([10, 12, 12, 10]);
    const dropped = fitColumns(columns, yields, 40);
    expect(dropped.kept).toEqual(["a", "b", "c"]);
    expect([...dropped.widths.values()]).toEqual([10, 13, 13]);
  });

  it("never cuts a column below its heading, and gives the last step when nothing fits", () => {
    const fit = fitColumns(columns, [{ cut: "c", to: 1 }, { drop: ["d"] }], 10);
    expect(fit.kept).toEqual(["a", "b", "c"]);
    expect(fit.widths.get("c")).toBe(5);
  });
});

describe("cutMiddle", () => {
  it("keeps the end asked for and as much of the start as fits", () => {
    expect(cutMiddle("fixtures/example/committee-2024.csv:2", 24, 21)).toBe(
      "fi…/committee-2024.csv:2",
    );
    expect(cutMiddle("short", 10, 3)).toBe("short");
  });

  it("cuts between whole wide characters, never past the width", () => {
    const cut = cutMiddle("輸出記録二〇二四年の報告.csv:12", 15, 9);
    // 9 columns of end (告 and .csv:12); of the 5 left for the start, 輸出 take 4.
    expect(cut).toBe("輸出…告.csv:12");
    expect(stringWidth(cut)).toBeLessThanOrEqual(15);
    expect(stringWidth(truncate("中华人民共和国", 9))).toBeLessThanOrEqual(9);
  });
});

describe("wrap", () => {
  it("ends, with some of the text on every line, at widths no wider than its indent", () => {
    // Once it looped for ever (a line of spaces each time round) and ran out of memory.
    for (const text of ["(id, exporter left out)", "中华人民 共和国", "a 中华"]) {
      for (const width of [1, 2, 3, 4]) {
        for (const indent of [0, 2, 4]) {
          const lines = wrap(text, width, indent);
          expect(lines.join("").replaceAll(" ", "")).toBe(text.replaceAll(" ", ""));
          for (const line of lines) expect(line.trim()).not.toBe("");
        }
      }
    }
    expect(wrap("ab cd", 1, 4)).toEqual(["a", "b", "c", "d"]);
    expect(wrap("中华人民", 1)).toEqual(["中", "华", "人", "民"]);
  });

  it("lets check and the ledger print at a width of 1", () => {
    const committee = EXAMPLE.filter((f) => f.includes("committee"));
    for (const args of [["check", "--fail-on", "never"], ["ledger"]]) {
      const run = capcheck([...args, ...committee], { env: { COLUMNS: "1" }, timeout: 15_000 });
      expect(run.status).toBe(0);
    }
  });
});

describe("capcheck ledger", () => {
  const run = (args: string[], columns?: number) =>
    capcheck(
      ["ledger", ...args],
      columns === undefined ? {} : { env: { COLUMNS: String(columns) } },
    );

  it("fits COLUMNS, 80 off a terminal, and its other formats never change with it", () => {
    const narrow = run(
      EXAMPLE.filter((f) => f.includes("committee")),
      80,
    ).stdout;
    expect(Math.max(...narrow.split("\n").map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
    expect(narrow).toMatch(/^date {8}file:line .* mark$/m);
    expect(narrow.replace(/\n +/g, " ")).toContain(
      "left out to fit 80 columns; --format csv shows every column)",
    );
    // Off a terminal, without COLUMNS: 80, as for check.
    expect(run(EXAMPLE.filter((f) => f.includes("committee"))).stdout).toBe(narrow);
    const wide = run(EXAMPLE, 250).stdout;
    expect(headings(wide)).toEqual(EVERY);
    expect(wide).not.toContain("left out");
    for (const format of ["csv", "json", "ndjson"]) {
      const args = ["--format", format, ...EXAMPLE];
      expect(run(args, 40).stdout).toBe(run(args, 250).stdout);
    }
  });
});
