// capcheck factors: list the unit conversions and the tons-to-barrels factors in
// force, each with its source.
//
//   capcheck factors
//   capcheck factors --factors my-factors.json --json

import { formatRatio } from "../domain/decimal.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { PRODUCTS, VOLUME_TO_BARRELS } from "../domain/units.js";
import { factorsFrom } from "../option-files.js";
import type { CommandSpec } from "./options.js";

const VOLUME_SOURCE = "exact: 1 bbl = 42 US gal = 158.987294928 L";

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
  run: async ({ flags }) => {
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
    const widths = [8, 4, 14];
    const lines = rows.map((r) =>
      [
        r.product.padEnd(widths[0] as number),
        r.unit.padEnd(widths[1] as number),
        r.barrelsPerUnit.padStart(widths[2] as number),
        safeText(r.source),
      ].join("  "),
    );
    const head = [
      "product".padEnd(8),
      "unit".padEnd(4),
      "bbl per unit".padStart(14),
      "source",
    ].join("  ");
    return { stdout: `${[head, ...lines].join("\n")}\n`, stderr: [], exitCode: 0 };
  },
};
