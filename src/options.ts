// The one place a check's options are resolved: decimal inputs checked, the
// `--caps` and `--factors` files read, defaults filled in. The command line, the
// library's check() and (later) a config file all hand their options here.
import { readFileSync } from "node:fs";
import type { z } from "zod";
import type { GroupField } from "./domain/aggregate.js";
import type { BasisFilter, ResolvedCheckOptions } from "./domain/check.js";
import { DEFAULT_FACTORS, type Factors, factorsWith } from "./domain/convert.js";
import { parseDecimal, type Ratio, toNano } from "./domain/decimal.js";
import { BUILT_IN_REGIMES, type Regime } from "./domain/regimes.js";
import { InputError, UsageError } from "./errors.js";
import type { InputFormat, ReadOptions } from "./ingest/index.js";

/** A number as the library takes it: a JSON-style number, a decimal string, or an exact ratio. */
export type DecimalInput = number | string | Ratio;

export interface CheckOptions {
  inputFormat?: InputFormat;
  delimiter?: string;
  /** Only these regime ids. */
  regimes?: readonly string[];
  /** A `--caps` JSON file of regime definitions, in place of the built-in ones. */
  capsFile?: string;
  /** What-if: the barrel cap of every selected regime. */
  cap?: DecimalInput;
  /** A `--factors` JSON file of tons-to-barrels factors. */
  factorsFile?: string;
  year?: number;
  by?: GroupField;
  /** Count the valid records and report the invalid ones as warnings. */
  skipInvalid?: boolean;
  /** Which records count: `reported`, `estimated` or `all` (the default). */
  basis?: BasisFilter;
  /** The load factor of capacity records that have none of their own. */
  loadFactor?: DecimalInput;
  /** Run the check once per load factor, in this order (contract §9). */
  scenarios?: readonly DecimalInput[];
}

/** The defaults of the options that have one; the command line's --help shows these. */
export const CHECK_DEFAULTS = { by: "exporter", basis: "all" } as const satisfies CheckOptions;

/** How a caller spells an option in messages: `cap` for the library, `--cap` on the command line. */
export type OptionSpelling = (key: keyof CheckOptions) => string;

const LIBRARY_SPELLING: OptionSpelling = (key) => key;

function ratioOf(value: DecimalInput): Ratio | undefined {
  return typeof value === "object" ? value : parseDecimal(String(value).trim());
}

/** A cap in barrels: a positive decimal. `name` is how the caller spells the option. */
export function capOf(value: DecimalInput, name: string): Ratio {
  const ratio = ratioOf(value);
  if (ratio === undefined || ratio.num === 0n) {
    throw new UsageError(
      `${name} takes a positive number of barrels, got ${JSON.stringify(String(value))}`,
    );
  }
  return ratio;
}

/** A load factor: a decimal above 0 and at most 1. */
export function loadFactorOf(value: DecimalInput, name: string): Ratio {
  const ratio = ratioOf(value);
  if (ratio === undefined || ratio.num === 0n || ratio.num > ratio.den) {
    throw new UsageError(
      `${name} takes numbers above 0 and at most 1, got ${JSON.stringify(String(value))}`,
    );
  }
  return ratio;
}

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path === "" ? "" : `${path.replace(/^\./, "")}: `}${issue.message}`;
}

function readJsonFile<T>(path: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      null,
      code === "ENOENT" ? "no such file" : `cannot be read (${code ?? error})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(path, null, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
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

function selectRegimes(regimes: Regime[], ids: readonly string[] | undefined): Regime[] {
  if (!ids || ids.length === 0) return regimes;
  const known = new Set(regimes.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown regime ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  }
  return regimes.filter((r) => ids.includes(r.id));
}

/** The reader's options, as given. */
export function readOptionsOf(options: CheckOptions): ReadOptions {
  return {
    ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  };
}

/** Checks every option, reads the files they name and fills in the defaults. */
export async function resolveCheckOptions(
  options: CheckOptions,
  spell: OptionSpelling = LIBRARY_SPELLING,
): Promise<ResolvedCheckOptions> {
  const scenarios =
    options.scenarios && options.scenarios.length > 0
      ? options.scenarios.map((x) => loadFactorOf(x, spell("scenarios")))
      : undefined;
  const cap = options.cap === undefined ? undefined : toNano(capOf(options.cap, spell("cap")));
  const loadFactor =
    options.loadFactor === undefined
      ? undefined
      : loadFactorOf(options.loadFactor, spell("loadFactor"));
  let regimes = selectRegimes(await regimesFrom(options.capsFile), options.regimes);
  if (cap !== undefined) regimes = regimes.map((r) => ({ ...r, cap }));
  return {
    regimes,
    factors: await factorsFrom(options.factorsFile),
    by: options.by ?? CHECK_DEFAULTS.by,
    basis: options.basis ?? CHECK_DEFAULTS.basis,
    skipInvalid: options.skipInvalid === true,
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(loadFactor !== undefined ? { loadFactor } : {}),
    ...(scenarios !== undefined ? { scenarios } : {}),
  };
}
