// The library API: `import { check } from "capcheck"` (or `require("capcheck")`).
export type { GroupField } from "./domain/aggregate.js";
export type {
  BaselineSettings,
  Changes,
  PeriodChange,
  PeriodName,
  TallyChange,
} from "./domain/baseline.js";
export type { BasisFilter } from "./domain/check.js";
export type { FactorOverrides } from "./domain/convert.js";
export type { Ratio } from "./domain/decimal.js";
export type { Issue, Severity } from "./domain/issues.js";
export type { NumberFormat } from "./domain/number-format.js";
export type { Commodity, Regime, Threshold } from "./domain/regimes.js";
export type {
  GroupTally,
  InvalidReport,
  OfficialTally,
  PeriodReport,
  PeriodsReport,
  RecordCounts,
  Report,
  ReportingGap,
  ReportSettings,
  ScenarioReport,
  ScenariosReport,
  Status,
  Tally,
  Verdict,
} from "./domain/report.js";
export { recordJsonSchema, recordSchema } from "./domain/schema.js";
export type { Product } from "./domain/units.js";
export {
  InputError,
  InvalidRecordsError,
  NothingToCheckError,
  UsageError,
} from "./errors.js";
export type { InputFormat } from "./ingest/index.js";
export type { CheckOptions, DecimalInput } from "./options.js";
export { renderJson as reportJson } from "./report/json.js";
export { type CheckInput, check } from "./run.js";
