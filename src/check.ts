// The main job as a library function: read → validate → convert → aggregate,
// returning the Report that `check --json` prints. The CLI and `import { check }`
// both come through here.
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { Aggregator, type GroupField, type Placement } from "./domain/aggregate.js";
import { DEFAULT_FACTORS, type Factors, factorsWith } from "./domain/convert.js";
import { formatRatio, parseDecimal, type Ratio, toNano } from "./domain/decimal.js";
import type { Issue } from "./domain/issues.js";
import { BUILT_IN_REGIMES, type Regime } from "./domain/regimes.js";
import {
  type PeriodReport,
  type PeriodSeries,
  type Report,
  type ScenarioReport,
  type Status,
  worst,
} from "./domain/report.js";
import type { Shipment } from "./domain/validate.js";
import { UsageError } from "./errors.js";
import { InputError, type InputFormat, type InputSource, sourcesFrom } from "./ingest/index.js";
import { emptySourceWarning, type ScanResult, scan } from "./pipeline.js";
import { VERSION } from "./version.js";

/** A number as the library takes it: a JSON-style number, a decimal string, or an exact ratio. */
export type DecimalInput = number | string | Ratio;

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
  basis?: "reported" | "estimated" | "all";
  /** The load factor of capacity records that have none of their own. */
  loadFactor?: DecimalInput;
  /** Run the check once per load factor, in this order (contract §9). */
  scenarios?: readonly DecimalInput[];
}

/** Records were invalid and `skipInvalid` was not set: nothing was counted. */
export class InvalidRecordsError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly invalid: number,
    readonly read: number,
  ) {
    super(`${invalid} of ${read} records invalid`);
  }
}

const ISSUE_LIMIT = 1000;

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path === "" ? "" : `${path.replace(/^\./, "")}: `}${issue.message}`;
}

async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T> {
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

/** The regimes in force: built-in or from `--caps`, filtered and with `--cap` applied. */
export async function regimesFor(options: CheckOptions): Promise<Regime[]> {
  let regimes: Regime[] = [...BUILT_IN_REGIMES];
  if (options.capsFile) {
    const { capsFileSchema } = await import("./domain/config-files.js");
    regimes = await readJsonFile(options.capsFile, capsFileSchema);
  }
  if (options.regimes && options.regimes.length > 0) {
    const known = new Set(regimes.map((r) => r.id));
    const unknown = options.regimes.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`unknown regime ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
    }
    regimes = regimes.filter((r) => options.regimes?.includes(r.id));
  }
  if (options.cap !== undefined) {
    const cap = toNano(capOf(options.cap, "cap"));
    regimes = regimes.map((r) => ({ ...r, cap }));
  }
  return regimes;
}

export async function factorsFor(options: CheckOptions): Promise<Factors> {
  if (!options.factorsFile) return DEFAULT_FACTORS;
  const { factorsFileSchema } = await import("./domain/config-files.js");
  const overrides = await readJsonFile(options.factorsFile, factorsFileSchema);
  return factorsWith(overrides, options.factorsFile);
}

/** Checks records from sources against the caps. */
/** A run's scan and its aggregators: one, or one per scenario. */
export interface Aggregation {
  readonly scan: ScanResult;
  readonly aggregators: readonly Aggregator[];
  /** Each aggregator's load factor, checked once; the scenarios' when there are any. */
  readonly loadFactors: readonly (Ratio | undefined)[];
}

/**
 * Reads, validates and aggregates. `onPlacement` hears of every shipment the
 * first aggregator counted (the ledger keeps them; check does not).
 */
export async function aggregate(
  sources: readonly InputSource[],
  options: CheckOptions,
  onPlacement?: (shipment: Shipment, sourceIndex: number, placement: Placement) => void,
): Promise<Aggregation> {
  const regimes = await regimesFor(options);
  const factors = await factorsFor(options);
  const loadFactors =
    options.scenarios && options.scenarios.length > 0
      ? options.scenarios.map((x) => loadFactorOf(x, "scenarios"))
      : [
          options.loadFactor === undefined
            ? undefined
            : loadFactorOf(options.loadFactor, "loadFactor"),
        ];
  const aggregators = loadFactors.map(
    (loadFactor) =>
      new Aggregator({
        regimes,
        factors,
        by: options.by ?? "exporter",
        basis: options.basis ?? "all",
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(loadFactor !== undefined ? { loadFactor } : {}),
      }),
  );
  const [first, ...others] = aggregators as [Aggregator, ...Aggregator[]];
  const result = await scan(
    sources,
    {
      read: {
        ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
        ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      },
      severity: options.skipInvalid ? "warning" : "error",
      issueLimit: ISSUE_LIMIT,
      context: { loadFactorGiven: loadFactors[0] !== undefined },
    },
    (shipment, sourceIndex) => {
      const placement = first.add(shipment);
      if (placement && onPlacement) onPlacement(shipment, sourceIndex, placement);
      for (const other of others) other.add(shipment);
    },
  );
  if (result.invalid > 0 && !options.skipInvalid) {
    throw new InvalidRecordsError(result.issues.toArray(), result.invalid, result.read);
  }
  for (const source of result.emptySources) result.issues.add(emptySourceWarning(source));
  for (const warning of first.uncappedWarnings()) result.issues.add(warning);
  return { scan: result, aggregators, loadFactors };
}

function verdictOf(periods: readonly PeriodReport[]): Status {
  return worst(periods.flatMap((p) => [p.total.status, ...p.groups.map((g) => g.status)]));
}

/** Checks records from sources against the caps. */
export async function checkSources(
  sources: readonly InputSource[],
  options: CheckOptions = {},
): Promise<Report> {
  return reportOf(await aggregate(sources, options), options);
}

/**
 * The report and, for the charts, each period's running totals: one list of
 * periods, or one per scenario.
 */
export async function checkWithSeries(
  sources: readonly InputSource[],
  options: CheckOptions,
): Promise<{ report: Report; series: PeriodSeries[][] }> {
  const aggregation = await aggregate(sources, options);
  return {
    report: reportOf(aggregation, options),
    series: aggregation.aggregators.map((a) => a.series()),
  };
}

function reportOf(
  { scan: result, aggregators, loadFactors }: Aggregation,
  options: CheckOptions,
): Report {
  const first = aggregators[0] as Aggregator;
  // Keys in the contract's order (§6): schemaVersion, generator, verdict, records, ...
  const head = (verdict: Status) => ({
    schemaVersion: 1 as const,
    generator: `capcheck ${VERSION}`,
    verdict,
    records: {
      read: result.read,
      valid: result.valid,
      invalid: result.invalid,
      uncapped: first.uncapped,
    },
  });
  if (options.scenarios && options.scenarios.length > 0) {
    const scenarios = aggregators.map((aggregator, i) => {
      const periods = aggregator.report();
      const loadFactor = Number(formatRatio(loadFactors[i] as Ratio));
      return { loadFactor, verdict: verdictOf(periods), periods };
    });
    const verdict = (scenarios[0] as ScenarioReport).verdict;
    return { ...head(verdict), scenarios, issues: result.issues.toArray() };
  }
  const periods = first.report();
  return { ...head(verdictOf(periods)), periods, issues: result.issues.toArray() };
}

/**
 * The library API: checks files (`-` is standard input) and returns the Report
 * that `capcheck check --json` prints. Throws InvalidRecordsError when a record is
 * invalid and `skipInvalid` is not set, and InputError when an input cannot be read.
 */
export async function check(files: readonly string[], options: CheckOptions = {}): Promise<Report> {
  return checkSources(sourcesFrom(files, () => false) ?? [], options);
}
