// What a reader holds at most, so that no input can exhaust memory: one record's
// bytes, and the values of a JSON document (which is parsed whole). Each limit
// can be raised from the command line, and its error says how (as DuckDB's
// max_line_size does).
import { formatCount } from "../domain/number-format.js";
import type { FieldProblem } from "../domain/rules.js";

/** The largest record, in bytes, a reader holds by default. */
export const DEFAULT_MAX_RECORD_BYTES = 1 << 20;

/** The most values (array elements and object members, at any depth) in one JSON document by default. */
export const DEFAULT_MAX_JSON_VALUES = 20_000_000;

/** The highest each limit can be raised to: past these, V8 cannot hold the text anyway. */
export const MAX_RECORD_LIMIT = 1 << 30;
export const MAX_JSON_VALUES_LIMIT = 1_000_000_000;

const UNITS: Record<string, number> = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

/** `4096`, `64KiB`, `2M`, `1 GiB` (binary multiples) up to 1 GiB, or undefined when it is none of these. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d{1,10})\s*(?:([kmg])(?:i?b)?)?\s*$/i.exec(text);
  if (match === null) return undefined;
  const bytes = Number(match[1]) * (UNITS[(match[2] ?? "").toLowerCase()] as number);
  return bytes >= 1 && bytes <= MAX_RECORD_LIMIT ? bytes : undefined;
}

/** A byte count the way a person reads it: `1 MiB`, `64 KiB`, else `1000 bytes`. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [
    ["GiB", 1 << 30],
    ["MiB", 1 << 20],
    ["KiB", 1 << 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${suffix}`;
  }
  return `${bytes} bytes`;
}

/** The suggestion in a limit's error: twice the limit, written the way the option takes it. */
function raised(bytes: number): string {
  const doubled = Math.min(bytes * 2, MAX_RECORD_LIMIT);
  const text = formatBytes(doubled);
  return text.endsWith(" bytes") ? String(doubled) : text.replace(" ", "");
}

export function recordTooLarge(maxBytes: number): FieldProblem {
  return {
    field: "record",
    code: "record_too_large",
    message: `is larger than ${formatBytes(maxBytes)} (--max-record-size); to read it, raise the limit, e.g. --max-record-size ${raised(maxBytes)}`,
  };
}

export function tooManyJsonValues(maxValues: number): string {
  return `JSON document holds more than ${formatCount(maxValues)} values (--max-json-values); use NDJSON, which streams, or raise the limit, e.g. --max-json-values ${Math.min(maxValues * 2, MAX_JSON_VALUES_LIMIT)}`;
}
