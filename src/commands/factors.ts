// capcheck factors: list the unit conversions and the tons-to-barrels factors in
// force, each with its source.
//
//   capcheck factors
//   capcheck factors --factors my-factors.json --json

import { formatRatio } from "../domain/decimal.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { PRODUCTS, VOLUME_TO_BARRELS } from "../domain/units.js";
import { factorsFrom } from "../option-files.js";
import { outputWidth, wrap } from "../report/width.js";
import type { CommandSpec } from "./options.js";

const VOLUME_SOURCE = "exact: 1 bbl = 42 US gal = 158.987294928 L";
/** Narrower than this beside the other columns, a source goes on lines of its own. */
const MIN_SOURCE_WIDTH = 24;

export const factors: CommandSpec<{ factors?: string; json?: boolean }> = {
  name: "factors",
  summary: "list the unit-conversion factors",
  description: "Lists the conversion factors in force, each with its source.",
  readsFiles: false,
  options: [
    { flags: "--factors <file>", description: "tons-to-barrels factors from a JSON file" },
    { flags: "--json", description: "print JSON" },
  ],
  examples: ["capcheck factors", "capcheck factors --factors my-factors.json --json"],
  run: async ({ flags, terminal }) => {
    const inForce = await factorsFrom(flags.factors);
    const mass = PRODUCTS.map((product) => ({
      product,
      unit: "t",
      barrelsPerUnit: formatRatio(inForce[product].barrelsPerTon),
      source: inForce[product].source,
    }));
    const volume = Object.entries(VOLUME_TO_BARRELS).map(([unit, ratio]) => ({
      product: "any",
      unit,
      barrelsPerUnit: formatRatio(ratio),
      source: VOLUME_SOURCE,
    }));
    const rows = [...mass, ...volume];
    if (flags.json)
      return {
        stdout: `${escapeInvisible(JSON.stringify(rows, null, 2))}\n`,
        stderr: [],
        exitCode: 0,
      };
    // The source wraps under itself to fit the width, as check's tables fit it; on
    // a narrow terminal it goes on lines of its own.
    const width = outputWidth(
      terminal.env,
      terminal.stdoutIsTerminal ? terminal.columns : undefined,
    );
    const columns = (product: string, unit: string, perUnit: string) =>
      `${product.padEnd(8)}  ${unit.padEnd(4)}  ${perUnit.padStart(14)}  `;
    const lead = columns("", "", "").length;
    const lines = rows.flatMap((r) => {
      const row = columns(r.product, r.unit, r.barrelsPerUnit);
      const source = safeText(r.source);
      if (width - lead < MIN_SOURCE_WIDTH) return [row.trimEnd(), ...wrap(`  ${source}`, width, 4)];
      const [first = "", ...rest] = wrap(source, width - lead, 0);
      return [row + first, ...rest.map((line) => " ".repeat(lead) + line)];
    });
    const head = `${columns("product", "unit", "bbl per unit")}source`;
    return { stdout: `${[head, ...lines].join("\n")}\n`, stderr: [], exitCode: 0 };
  },
};
