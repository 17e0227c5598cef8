// The table fits the terminal (contract §14): 80 columns off a terminal, COLUMNS
// when set, measured by display width; the bar goes first, then the title wraps,
// and no row is ever wrapped.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE, SYNTHETIC } from "./helpers.js";

const ESTIMATES = ["fixtures/estimates/reported-2018.csv", "fixtures/estimates/tankers-2018.csv"];

function table(width: number | undefined, args: string[] = SYNTHETIC, input?: string) {
  const env: Record<string, string> = width === undefined ? {} : { COLUMNS: String(width) };
  return capcheck(["check", "--fail-on", "never", ...args], { env, ...(input ? { input } : {}) })
    .stdout;
}

describe("the table fits the width", () => {
  it.each([40, 80, 120])("at %i columns no line is wider and every row is whole", (width) => {
    for (const args of [SYNTHETIC, [...ESTIMATES, "--load-factor", "0.33"], EXAMPLE]) {
      const out = table(width, args);
      for (const line of out.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      if (args === EXAMPLE) {
        // The overview's periods go on to further bands rather than past the width.
        expect(out).toMatch(/^total +.*≥ 165\.75% exceeded/m);
        expect(out).toMatch(/^total +(.* )?≥ 66\.74% ok$/m);
        continue;
      }
      // Every row on one line: its name (perhaps cut), its barrels and its status.
      expect(out).toMatch(/^total +568,223\.820 .*exceeded|^total +554,624\.500 .*exceeded/m);
      expect(out).toMatch(
        /^(China|State B \(synthet…|State B \(synthetic\)) +\d[\d,]*\.\d{3} .*ok/m,
      );
    }
  });

  it("is 80 columns when stdout is not a terminal", () => {
    expect(table(undefined)).toBe(table(80));
  });

  it("drops the bar before anything else, then wraps the title", () => {
    const wide = table(120);
    expect(wide).toContain("cap: 0 to 100%");
    expect(wide).toMatch(/^UNSCR .* · cap 500,000 bbl$/m);
    const narrow = table(80);
    expect(narrow).not.toContain("cap: 0 to 100%");
    expect(narrow).toMatch(
      /^State A \(synthetic\) +515,300\.000 +103\.06% +exceeded +2024-08-09$/m,
    );
    expect(narrow).toMatch(/^ {2}cap 500,000 bbl$/m);
  });

  it("says which columns it left out", () => {
    expect(table(120)).not.toContain("left out");
    expect(table(40)).toMatch(/% of cap, over cap left out to fit 40/);
  });

  it("aligns wide and combining characters by display width", () => {
    const csv = [
      "date,exporter,barrels",
      "2024-01-05,中华人民共和国,1000",
      "2024-01-06,Cote d\u0301Ivoire,2000",
      "2024-01-07,Plain,3000",
    ].join("\n");
    // --no-fold-names: the name must keep its combining accent, not become "Côte d'Ivoire".
    const out = table(120, ["-", "--input-format", "csv", "--no-fold-names"], `${csv}\n`);
    const rows = out.split("\n").filter((l) => /^(中华|Cote|Plain|total)/.test(l));
    expect(rows).toHaveLength(4);
    // The barrels column ends at the same display column on every row.
    const ends = rows.map((row) => stringWidth(row.slice(0, row.search(/\d\.\d{3}/) + 5)));
    expect(new Set(ends).size).toBe(1);
  });
});
