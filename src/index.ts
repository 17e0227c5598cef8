// The library API: `import { check } from "capcheck"`.
export type { GroupField } from "./domain/aggregate.js";
export type { Issue, Severity } from "./domain/issues.js";
export type { Regime } from "./domain/regimes.js";
export type {
  GroupTally,
  PeriodReport,
  RecordCounts,
  Report,
  Status,
  Tally,
} from "./domain/report.js";
export { recordJsonSchema, recordSchema } from "./domain/schema.js";
export { InputError, InvalidRecordsError, UsageError } from "./errors.js";
export type { CheckOptions, DecimalInput } from "./options.js";
export { check } from "./run.js";
