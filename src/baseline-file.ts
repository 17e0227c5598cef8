// Reads a `--baseline` file: an earlier `capcheck check --json` report (contract §14).
import { readFileSync, statSync } from "node:fs";
import { parseConfig } from "./config-issues.js";
import type { Baseline } from "./domain/baseline.js";
import { InputError } from "./errors.js";
import { jsonPath } from "./ingest/json-scan.js";
import { parseJsonFile } from "./ingest/json-syntax.js";

/** A report holds at most 1,000 issues and a few rows per period: this is generous. */
const MAX_BASELINE_BYTES = 64 << 20;

export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new InputError(path, null, "is not a regular file");
    if (stat.size > MAX_BASELINE_BYTES) {
      throw new InputError(path, null, "is larger than 64 MiB; a --json report is smaller");
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      null,
      code === "ENOENT" ? "no such file" : `cannot be read (${code})`,
    );
  }
  const json = parseJsonFile(path, text);
  const { baselineSchema } = await import("./baseline-schema.js");
  const parsed = parseConfig(baselineSchema, json, { place: (at) => jsonPath("$", at) });
  if ("problem" in parsed) {
    throw new InputError(path, null, `not a capcheck --json report: ${parsed.problem}`);
  }
  return parsed.data;
}
