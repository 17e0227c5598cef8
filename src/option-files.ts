// The regime and factor files (`--caps`, `--factors`, contract §3, §4): read only when
// regular and small, parsed as JSON, and checked by their zod schemas, which load
// only when such a file is given.
import type { z } from "zod";
import { DEFAULT_FACTORS, type Factors, factorsWith } from "./domain/convert.js";
import { BUILT_IN_REGIMES, type Regime } from "./domain/regimes.js";
import { InputError } from "./errors.js";
import { readConfigFile } from "./ingest/config-file.js";
import { jsonPath, refuseRepeatedKeys } from "./ingest/json-scan.js";
import { parseJsonFile } from "./ingest/json-syntax.js";

/** zod's first issue in capcheck's words where its own are a programmer's (`received undefined`). */
function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  const path = jsonPath("", issue.path);
  const message =
    issue.code === "invalid_type" && issue.input === undefined
      ? "is required"
      : issue.code === "unrecognized_keys"
        ? `unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : issue.message;
  return `${path === "" ? "" : `${path.replace(/^\./, "")}: `}${message}`;
}

function readJsonFile<T>(path: string, schema: z.ZodType<T>): T {
  const text = readConfigFile(path);
  const value = parseJsonFile(path, text);
  refuseRepeatedKeys(path, text, (at) => jsonPath("", at).replace(/^\./, ""));
  // With each issue's input, a missing key (input undefined) can be told from a wrong type.
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InputError(path, null, zodMessage(parsed.error));
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
