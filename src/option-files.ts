// The regime and factor files (`--caps`, `--factors`, contract §3, §4): read only when
// regular and small, parsed as JSON, and checked by their zod schemas, which load
// only when such a file is given.
import type { z } from "zod";
import { parseConfig } from "./config-issues.js";
import { DEFAULT_FACTORS, type Factors, factorsWith } from "./domain/convert.js";
import { BUILT_IN_REGIMES, type Regime } from "./domain/regimes.js";
import { InputError } from "./errors.js";
import { readConfigJson } from "./ingest/config-file.js";
import { jsonPath } from "./ingest/json-scan.js";

function readJsonFile<T>(path: string, schema: z.ZodType<T>): T {
  const place = (at: readonly PropertyKey[]) => jsonPath("", at).replace(/^\./, "");
  const value = readConfigJson(path, place);
  const parsed = parseConfig(schema, value, { place });
  if ("problem" in parsed) throw new InputError(path, null, parsed.problem);
  return parsed.data;
}

/** The regimes in force: built-in, or from a `--caps` file (zod loads only then). */
export async function regimesFrom(capsFile: string | undefined): Promise<Regime[]> {
  if (!capsFile) return [...BUILT_IN_REGIMES];
  const { capsFileSchema } = await import("./domain/config-files.js");
  return readJsonFile(capsFile, capsFileSchema);
}

/** The factors in force: the defaults, or those of a `--factors` file over them. */
export async function factorsFrom(factorsFile: string | undefined): Promise<Factors> {
  if (!factorsFile) return DEFAULT_FACTORS;
  const { factorsFileSchema } = await import("./domain/config-files.js");
  return factorsWith(readJsonFile(factorsFile, factorsFileSchema), factorsFile);
}
