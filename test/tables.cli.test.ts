// Contract §12 through the command line: the tables analysts actually have.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-tables-"));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CSV = "date,exporter,barrels\n2024-01-05,Türkiye,100\n";
const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, "utf16le")]);

describe("encodings", () => {
  it("reads UTF-16 LE and BE with a BOM, from a file or stdin", () => {
    const be = Buffer.from(utf16le);
    be.swap16();
    for (const args of [[file("le.csv", utf16le)], [file("be.txt", be)], ["-"]]) {
      const run = capcheck(["validate", ...args], { input: utf16le });
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^1 records valid/);
      expect(run.status).toBe(0);
    }
  });
  it("refuses UTF-16 without a BOM as binary data, and a broken UTF-16 text", () => {
    const noBom = capcheck(["validate", file("nobom.csv", utf16le.subarray(2))]);
    expect(noBom.status).toBe(2);
    expect(noBom.stderr).toMatch(/holds binary data/);
    const broken = Buffer.concat([utf16le, Buffer.from([0x00, 0xd8, 0x0a, 0x00])]);
    const run = capcheck(["validate", file("broken.csv", broken)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/broken\.csv: is not valid UTF-16LE text\n$/);
  });
  it("refuses a workbook in one line that says to save it as CSV UTF-8", () => {
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("[Content_Types].xml"),
    ]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
    ]);
    for (const [name, bytes, label] of [
      ["book.xlsx", xlsx, "XLSX"],
      ["book.xls", xls, "XLS"],
      ["book.ods", ods, "ODS"],
    ] as const) {
      const run = capcheck(["check", file(name, bytes)]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(`${name}: is an `);
      expect(run.stderr).toContain(`(${label})`);
      expect(run.stderr).toContain('save it as "CSV UTF-8');
    }
  });
});

describe("did you mean", () => {
  it("names the closest regime id, product and unit", () => {
    const data = file("d.csv", "date,exporter,barrels\n2024-01-05,China,100\n");
    const regime = capcheck(["check", "--regime", "unscr2397-refind", data]);
    expect(regime.status).toBe(2);
    expect(regime.stderr).toMatch(
      /unknown regime unscr2397-refind; did you mean "unscr2397-refined"\?; known: /,
    );
    const far = capcheck(["check", "--regime", "nope", data]);
    expect(far.stderr).not.toMatch(/did you mean/);
    const slips = file(
      "slips.csv",
      "date,exporter,product,quantity,unit\n2024-01-05,China,dieseel,5,t\n2024-01-06,China,diesel,5,bbbl\n",
    );
    const run = capcheck(["validate", slips]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /slips\.csv:2: product: unknown product "dieseel"; did you mean "diesel"\?/,
    );
    expect(run.stderr).toMatch(/slips\.csv:3: unit: unknown unit "bbbl"; did you mean "bbl"\?/);
  });
});
