// The one place a check's options are resolved: each value checked (option-values.ts),
// the `--caps` and `--factors` files read (option-files.ts), defaults filled in. The
// command line, the library's check() and the config file all hand their options here.

import { GROUP_FIELDS, type GroupField } from "./domain/aggregate.js";
import { isYearInCalendar, LAST_YEAR } from "./domain/calendar.js";
import { BASIS_FILTERS, type BasisFilter, type ResolvedCheckOptions } from "./domain/check.js";
import { type Ratio, toNano } from "./domain/decimal.js";
import { closestName, didYouMean } from "./domain/did-you-mean.js";
import { NUMBER_FORMATS, type NumberFormat } from "./domain/number-format.js";
import type { Regime } from "./domain/regimes.js";
import { quote } from "./domain/sanitize.js";
import { UsageError } from "./errors.js";
import {
  csvOnlyOptionOf,
  INPUT_FORMATS,
  type InputFormat,
  type ReadOptions,
} from "./ingest/index.js";
import { MAX_JSON_VALUES_LIMIT, MAX_RECORD_LIMIT } from "./ingest/limits.js";
import { factorsFrom, regimesFrom } from "./option-files.js";
import {
  capOf,
  choiceOf,
  countOf,
  dayOf,
  delimiterOf,
  fileNameOf,
  flagOf,
  loadFactorOf,
  namesOf,
  scenariosOf,
  shown,
  yearOf,
} from "./option-values.js";

/** A number as the library takes it: a JSON-style number, a decimal string, or an exact ratio. */
export type DecimalInput = number | string | Ratio;

export interface CheckOptions {
  inputFormat?: InputFormat;
  delimiter?: string;
  /** How CSV number cells read: `auto` (the default), `point` or `comma` (contract §11). */
  numberFormat?: NumberFormat;
  /** A CSV file's header line; the lines above it are skipped (contract §12). */
  headerLine?: number;
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
  /** The largest record a reader holds, in bytes (default 1 MiB). */
  maxRecordBytes?: number;
  /** The most values a JSON document may hold (default 20,000,000). */
  maxJsonValues?: number;
  /** Fold exporter names to the UN short name (default true; contract §12). */
  foldNames?: boolean;
  /** Threads that read one large CSV or NDJSON file (default 1; the command line's: the cores, at most 2). */
  threads?: number;
  /** Return a report even when no record was counted in any period (contract §11). */
  allowEmpty?: boolean;
  /** The run's date, `YYYY-MM-DD` (default: see runDate): where a running period's gaps end. */
  today?: string;
}

/** Every key of CheckOptions, so that the library can refuse any other (a typo never passes silently). */
const CHECK_OPTION_KEYS: Readonly<Record<keyof CheckOptions, true>> = {
  inputFormat: true,
  delimiter: true,
  numberFormat: true,
  headerLine: true,
  regimes: true,
  capsFile: true,
  cap: true,
  factorsFile: true,
  year: true,
  by: true,
  skipInvalid: true,
  basis: true,
  loadFactor: true,
  scenarios: true,
  maxRecordBytes: true,
  maxJsonValues: true,
  foldNames: true,
  threads: true,
  allowEmpty: true,
  today: true,
};

/**
 * Refuses a key that CheckOptions does not have (`regime` for `regimes`), naming the
 * closest one: a JavaScript caller's slip would otherwise be ignored without a word.
 */
export function refuseUnknownOptionKeys(options: object): void {
  const known = Object.keys(CHECK_OPTION_KEYS);
  const unknown = Object.keys(options).find((key) => !Object.hasOwn(CHECK_OPTION_KEYS, key));
  if (unknown !== undefined) {
    throw new UsageError(
      `unknown option ${shown(unknown)}${didYouMean(closestName(unknown, known))}; known: ${known.join(", ")}`,
    );
  }
}

/** The defaults of the options that have one; the command line's --help shows these. */
export const CHECK_DEFAULTS = { by: "exporter", basis: "all" } as const satisfies CheckOptions;

/** How a caller spells an option in messages: `cap` for the library, `--cap` on the command line. */
export type OptionSpelling = (key: keyof CheckOptions) => string;

const LIBRARY_SPELLING: OptionSpelling = (key) => key;

/**
 * The run's date: `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention)
 * when set, so that a report can be made again byte for byte, else the clock's. A
 * malformed one is refused, as that convention asks, rather than replaced by the clock.
 */
export function runDate(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return new Date().toISOString().slice(0, 10);
  const date = /^\d{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
  if (date === undefined || !isYearInCalendar(date.getUTCFullYear())) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH takes whole seconds since 1970-01-01 UTC, up to the end of ${LAST_YEAR}, got ${quote(epoch)}`,
    );
  }
  return date.toISOString().slice(0, 10);
}

/** The highest --header-line: a title block, not a file's worth of lines (rows above it are held). */
export const MAX_HEADER_LINE = 10_000;

/** How many threads may read one file, and from what size on. */
export interface ParallelOptions {
  readonly threads: number;
  /** Files smaller than this are read on one thread; by default, PARALLEL_MIN_LINES' worth. */
  readonly minBytes?: number;
}

/**
 * Files of fewer lines than this are read on one thread. A second thread costs its
 * start, its own warming up and the two cores' contention: on this project's 2-core
 * machine it made CSV and NDJSON `check` and the CSV ledger slower below about
 * 450,000 rows (300,000: 0.38 against 0.35 s), whatever the bytes a row.
 */
export const PARALLEL_MIN_LINES = 500_000;

/** The most threads one file is read on. */
export const MAX_THREADS = 64;

/** How a check reads one large file on several threads (src/parallel.ts); undefined for one thread. */
export function parallelOf(
  options: CheckOptions,
  spell: OptionSpelling = LIBRARY_SPELLING,
  env: Readonly<Record<string, string | undefined>> = {},
): ParallelOptions | undefined {
  if (options.threads === undefined) return undefined;
  const threads = countOf(options.threads, MAX_THREADS, spell("threads"), "threads");
  if (threads < 2) return undefined;
  // For tests: split files of any size (the default keeps a worker off files it would slow).
  const minBytes = env.CAPCHECK_PARALLEL_MIN_BYTES;
  return minBytes === undefined ? { threads } : { threads, minBytes: Number(minBytes) };
}

function selectRegimes(regimes: Regime[], ids: readonly string[] | undefined): Regime[] {
  if (ids === undefined) return regimes;
  const known = new Set(regimes.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  const first = unknown[0];
  if (first !== undefined) {
    const hint = unknown.length === 1 ? didYouMean(closestName(first, known)) : "";
    throw new UsageError(
      `unknown regime ${unknown.join(", ")}${hint}; known: ${[...known].join(", ")}`,
    );
  }
  return regimes.filter((r) => ids.includes(r.id));
}

/** The reader's options, checked. */
export function readOptionsOf(
  options: CheckOptions,
  spell: OptionSpelling = LIBRARY_SPELLING,
): ReadOptions {
  const { inputFormat, delimiter, headerLine, maxRecordBytes, maxJsonValues, numberFormat } =
    options;
  const format =
    inputFormat === undefined
      ? undefined
      : choiceOf(inputFormat, INPUT_FORMATS, spell("inputFormat"));
  const read: ReadOptions = {
    ...(format !== undefined ? { inputFormat: format } : {}),
    ...(numberFormat !== undefined
      ? { numberFormat: choiceOf(numberFormat, NUMBER_FORMATS, spell("numberFormat")) }
      : {}),
    ...(delimiter !== undefined ? { delimiter: delimiterOf(delimiter, spell("delimiter")) } : {}),
    ...(headerLine !== undefined
      ? { headerLine: countOf(headerLine, MAX_HEADER_LINE, spell("headerLine"), "a line number") }
      : {}),
    ...(maxRecordBytes !== undefined
      ? {
          maxRecordBytes: countOf(
            maxRecordBytes,
            MAX_RECORD_LIMIT,
            spell("maxRecordBytes"),
            "bytes",
          ),
        }
      : {}),
    ...(maxJsonValues !== undefined
      ? {
          maxJsonValues: countOf(
            maxJsonValues,
            MAX_JSON_VALUES_LIMIT,
            spell("maxJsonValues"),
            "values",
          ),
        }
      : {}),
  };
  // Each input is checked too, once its format is known (src/ingest/index.ts).
  const csvOnly =
    format === undefined || format === "csv" ? undefined : csvOnlyOptionOf(read, spell);
  if (csvOnly !== undefined) {
    throw new UsageError(
      `${csvOnly} applies to CSV input only, not ${spell("inputFormat")} ${format}`,
    );
  }
  return read;
}

/** Checks every option, reads the files they name and fills in the defaults. */
export async function resolveCheckOptions(
  options: CheckOptions,
  spell: OptionSpelling = LIBRARY_SPELLING,
): Promise<ResolvedCheckOptions> {
  if (typeof options !== "object" || options === null) {
    throw new UsageError(`options must be an object, got ${shown(options)}`);
  }
  readOptionsOf(options, spell);
  // Both set the load factor of the same records: neither is dropped for the other.
  if (options.loadFactor !== undefined && options.scenarios !== undefined) {
    throw new UsageError(
      `${spell("loadFactor")} cannot be used with ${spell("scenarios")}: each scenario is a run's load factor; list it in ${spell("scenarios")} instead`,
    );
  }
  const scenarios =
    options.scenarios === undefined
      ? undefined
      : scenariosOf(options.scenarios, spell("scenarios"));
  const cap = options.cap === undefined ? undefined : toNano(capOf(options.cap, spell("cap")));
  const loadFactor =
    options.loadFactor === undefined
      ? undefined
      : loadFactorOf(options.loadFactor, spell("loadFactor"));
  const year = options.year === undefined ? undefined : yearOf(options.year, spell("year"));
  const by =
    options.by === undefined ? CHECK_DEFAULTS.by : choiceOf(options.by, GROUP_FIELDS, spell("by"));
  const basis =
    options.basis === undefined
      ? CHECK_DEFAULTS.basis
      : choiceOf(options.basis, BASIS_FILTERS, spell("basis"));
  const skipInvalid = flagOf(options.skipInvalid, spell("skipInvalid"));
  const foldNames =
    options.foldNames === undefined ? true : flagOf(options.foldNames, spell("foldNames"));
  const ids =
    options.regimes === undefined ? undefined : namesOf(options.regimes, spell("regimes"));
  // No id is no selection: left to mean every regime, it would check what was not asked.
  if (ids?.length === 0) {
    throw new UsageError(`${spell("regimes")} takes at least one regime id, got none`);
  }
  const capsFile =
    options.capsFile === undefined ? undefined : fileNameOf(options.capsFile, spell("capsFile"));
  const factorsFile =
    options.factorsFile === undefined
      ? undefined
      : fileNameOf(options.factorsFile, spell("factorsFile"));
  const known = await regimesFrom(capsFile);
  let regimes = selectRegimes(known, ids);
  // Records in the periods of the regimes left out are excluded, not uncapped (§11).
  const unselected = known.filter((r) => !regimes.includes(r));
  if (cap !== undefined) regimes = regimes.map((r) => ({ ...r, cap }));
  return {
    regimes,
    unselected,
    factors: await factorsFrom(factorsFile),
    by,
    basis,
    skipInvalid,
    foldNames,
    today: options.today === undefined ? runDate() : dayOf(options.today, spell("today")),
    ...(year !== undefined ? { year } : {}),
    ...(loadFactor !== undefined ? { loadFactor } : {}),
    ...(scenarios !== undefined ? { scenarios } : {}),
  };
}
