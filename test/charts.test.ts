// Contract §10: the terminal chart, the SVG and the HTML page.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE } from "./helpers.js";

const ESTIMATES = [
  "fixtures/estimates/reported-2018.csv",
  "fixtures/estimates/tankers-2018.csv",
  "--load-factor",
  "0.33",
];

interface PathNode {
  "@_class": string;
  "@_data-name": string;
  "@_data-days": string;
  "@_data-running": string;
  "@_d": string;
}

function panelsOf(svg: string): { title: string; desc: string; path: PathNode[] }[] {
  const document = new XMLParser({ ignoreAttributes: false }).parse(svg);
  const panels = document.svg.svg;
  return (Array.isArray(panels) ? panels : [panels]).map(
    (p: { title: string; desc: string; path: PathNode | PathNode[] }) => ({
      title: p.title,
      desc: p.desc,
      path: Array.isArray(p.path) ? p.path : [p.path],
    }),
  );
}

describe("check --format svg", () => {
  it.each([
    ["the example", EXAMPLE],
    ["the estimates", ESTIMATES],
  ])(
    "parses as XML, and its step lines are the running totals of check --json and the ledger (%s)",
    (_, args) => {
      const svg = capcheck(["check", "--format", "svg", ...args]).stdout;
      expect(XMLValidator.validate(svg)).toBe(true);
      const report = JSON.parse(capcheck(["check", "--json", ...args]).stdout);
      const ledger = JSON.parse(capcheck(["ledger", "--json", ...args]).stdout);
      const panels = panelsOf(svg);
      expect(panels).toHaveLength(report.periods.length);
      report.periods.forEach(
        (
          period: {
            regime: string;
            label: string;
            total: { barrels: number };
            groups: { key: string; barrels: number }[];
          },
          i: number,
        ) => {
          const paths = panels[i]?.path ?? [];
          const total = paths.find((p) => p["@_class"] === "step total") as PathNode;
          const days = total["@_data-days"].split(" ");
          const running = total["@_data-running"].split(" ").map(Number);
          // The ledger's running total on the last row of each day is the line's point.
          const rows = ledger.filter(
            (r: { regime: string; period: string }) =>
              r.regime === period.regime && r.period === period.label,
          );
          const endOfDay = new Map<string, number>();
          for (const row of rows) endOfDay.set(row.date, row.runningTotal);
          expect(days).toEqual([...endOfDay.keys()]);
          expect(running).toEqual([...endOfDay.values()]);
          expect(running.at(-1)).toBe(period.total.barrels);
          // Each step moves across to its day, then up to its total: one H and one V per point.
          expect(total["@_d"].match(/V/g)).toHaveLength(days.length);
          for (const group of period.groups) {
            const path = paths.find(
              (p) => p["@_class"] === "step group" && p["@_data-name"] === group.key,
            ) as PathNode;
            expect(Number(path["@_data-running"].split(" ").at(-1))).toBe(group.barrels);
          }
        },
      );
    },
  );

  it("names each panel for screen readers, and marks the cap, thresholds and the over-cap date", () => {
    const svg = capcheck(["check", "--format", "svg", ...EXAMPLE]).stdout;
    const [panel] = panelsOf(svg);
    expect(panel?.title).toBe(
      "UNSCR 2397 (2017) refined petroleum products · 2018 · cap 500,000 bbl",
    );
    expect(panel?.desc).toMatch(/went over the cap on 2018-05-30/);
    expect(svg).toContain('class="cap"');
    expect(svg.match(/class="threshold"/g)).toHaveLength(6);
    expect(svg).toMatch(/class="over-cap"[^>]*\/>\n<text[^>]*>over cap 2018-05-30<\/text>/);
    expect(svg).toContain(">500,000</text>");
    expect(svg).not.toMatch(/<script|@import|url\(|href=/);
  });

  it("with scenarios, describes each one and marks each over-cap date, not the first one's alone", () => {
    const args = ["check", "--format", "svg", ...ESTIMATES.slice(0, 2)];
    const svg = capcheck([...args, "--scenarios", "0.1,0.33"]).stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    const [panel] = panelsOf(svg);
    expect(panel?.desc).toContain(
      "in 2 scenarios: at load factor 0.1, 235,201 barrels, 47.04% of the cap, status ok, within the cap; " +
        "at load factor 0.33, 554,625 barrels, 110.92% of the cap, status exceeded, over the cap on 2018-05-08.",
    );
    expect(panel?.desc).not.toContain("stays within the cap");
    expect(svg.match(/>over cap [^<]*</g)).toEqual([">over cap 2018-05-08 (load factor 0.33)<"]);
  });

  it("keeps the thresholds' labels apart when their lines are a few pixels apart", () => {
    // 2018 runs to 166 % of the cap: 90 % and 95 % lie 7 px apart on its scale.
    const svg = capcheck(["check", "--format", "svg", ...EXAMPLE]).stdout;
    for (const panel of svg.split('<svg y="').slice(1)) {
      const lines = [...panel.matchAll(/class="threshold" x1="[\d.]+" y1="([\d.]+)"/g)].map((m) =>
        Number(m[1]),
      );
      const labels = [...panel.matchAll(/<text x="[\d.]+" y="([\d.]+)"[^>]*>(\d+)%<\/text>/g)];
      expect(labels.map((m) => m[2])).toEqual(["75", "90", "95"]);
      const ys = labels.map((m) => Number(m[1]));
      for (let i = 1; i < ys.length; i++) {
        // Each label above its line, and a line of text above the label below it.
        expect(ys[i] as number).toBeLessThan(lines[i] as number);
        expect((ys[i - 1] as number) - (ys[i] as number)).toBeGreaterThanOrEqual(11);
      }
    }
  });

  it("escapes every text from the data", () => {
    const svg = capcheck(["check", "--format", "svg", "test/hostile/cases/markup.csv"]).stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain(
      "&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34; &#39;x&#39;",
    );
    const escapes = capcheck(["check", "--format", "svg", "test/hostile/cases/escapes.csv"]).stdout;
    expect(XMLValidator.validate(escapes)).toBe(true);
    expect(escapes).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });

  it("matches its golden file, and docs/example.svg (the README's picture) is that file", () => {
    const svg = capcheck(["check", "--format", "svg", ...EXAMPLE]).stdout;
    expect(svg).toBe(readFileSync("test/golden/example.svg", "utf8"));
    expect(readFileSync("docs/example.svg", "utf8")).toBe(svg);
  });
});

describe("check --format html", () => {
  const html = capcheck(["check", "--format", "html", ...EXAMPLE]).stdout;
  it("makes no network request", () => {
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
  });
  it("holds the report table and the charts, styled for print too", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<p class="verdict exceeded">Verdict: <strong>exceeded</strong>');
    expect(html).toMatch(/<tr><td>China<\/td><td class="num">153,400\.000<\/td>/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain("@media print");
  });
  it("escapes the data", () => {
    const hostile = capcheck(["check", "--format", "html", "test/hostile/cases/markup.csv"]).stdout;
    expect(hostile).not.toContain("<script>");
    expect(hostile.match(/<svg /g)).toHaveLength(1);
  });
  it("matches its golden file", () => {
    expect(html).toBe(readFileSync("test/golden/example.html", "utf8"));
  });
});

describe("check --chart", () => {
  it("draws the running total by month under each table, 80 columns wide off a terminal", () => {
    const out = capcheck(["check", "--chart", ...EXAMPLE]).stdout;
    const chart = out.slice(out.indexOf("running total by month end, 2024"));
    const lines = chart.split("\n").slice(0, 15);
    expect(lines[0]).toBe("running total by month end, 2024");
    expect(lines.find((l) => l.includes("cap 500,000"))).toMatch(/━/);
    expect(lines.some((l) => /75%/.test(l))).toBe(true);
    expect(lines.some((l) => /90%\/95%/.test(l))).toBe(true);
    expect(lines.at(-1)?.trim()).toBe("Jan  Feb  Mar  Apr  May  Jun  Jul  Aug  Sep  Oct  Nov  Dec");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(out).not.toMatch(/\u001b\[/);
  });
  /** The axis's labels, the line under the chart's axis, at `columns` wide. */
  const axis = (columns: string, ...args: string[]) => {
    const lines = capcheck(["check", "--chart", ...args], {
      env: { COLUMNS: columns },
    }).stdout.split("\n");
    return lines[lines.findIndex((l) => l.includes("└")) + 1]?.trim();
  };
  it("names months apart, never run together, in a narrow terminal", () => {
    const a = "fixtures/synthetic/state-a-2024.csv";
    // Every month has its bar (not every other, each named 2024); the names that fit, spaced.
    expect(axis("60", a)).toBe("Jan   Mar   May   Jul   Sep   Nov");
    expect(axis("50", a)).toBe("Jan   Mar   May   Jul   Sep   Nov");
    expect(axis("40", a)).toBe("Jan Mar May Jul Sep Nov");
  });
  it("names each year once, spaced, over a long period", () => {
    const caps = join(mkdtempSync(join(tmpdir(), "capcheck-chart-")), "caps.json");
    const regime = { id: "r", title: "r", commodity: "refined", capBarrels: 500000 };
    writeFileSync(caps, JSON.stringify([{ ...regime, start: "2023-01-01", end: "2025-12-31" }]));
    expect(axis("80", "fixtures/synthetic/state-a-2024.csv", "--caps", caps)).toBe(
      "2023        2024        2025",
    );
    writeFileSync(caps, JSON.stringify([{ ...regime, start: "1900-01-01", end: "2100-12-31" }]));
    const years = axis("80", "fixtures/synthetic/state-a-2024.csv", "--caps", caps);
    expect(years).toMatch(/^1903 1922 1941 (\d{4} )+2091$/);
  });
});
