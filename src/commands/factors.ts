// capcheck factors: list the unit conversions and the tons-to-barrels factors in
// force, each with its source.
//
//   capcheck factors
//   capcheck factors --factors my-factors.json --json
import { factorsFor } from "../check.js";
import { formatRatio } from "../domain/decimal.js";
import { PRODUCTS, VOLUME_TO_BARRELS } from "../domain/units.js";
import type { CommandOutput } from "./output.js";

const VOLUME_SOURCE = "exact: 1 bbl = 42 US gal = 158.987294928 L";

export async function factors(options: {
  factorsFile?: string;
  json: boolean;
}): Promise<CommandOutput> {
  const inForce = await factorsFor(options.factorsFile ? { factorsFile: options.factorsFile } : {});
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
  if (options.json)
    return { stdout: `${JSON.stringify(rows, null, 2)}\n`, stderr: [], exitCode: 0 };
  const widths = [8, 4, 14];
  const lines = rows.map((r) =>
    [
      r.product.padEnd(widths[0] as number),
      r.unit.padEnd(widths[1] as number),
      r.barrelsPerUnit.padStart(widths[2] as number),
      r.source,
    ].join("  "),
  );
  const head = ["product".padEnd(8), "unit".padEnd(4), "bbl per unit".padStart(14), "source"].join(
    "  ",
  );
  return { stdout: `${[head, ...lines].join("\n")}\n`, stderr: [], exitCode: 0 };
}
