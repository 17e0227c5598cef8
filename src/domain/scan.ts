// The validate step, pure: each record is counted as valid or invalid, the
// invalid ones kept as issues. Fed by the readers (src/pipeline.ts) or with
// records held in memory (checkRecords).
import { ISSUE_LIMIT, type Issue, IssueList, type Severity } from "./issues.js";
import {
  isShipment,
  type RawRecord,
  type Shipment,
  toShipment,
  type ValidationContext,
} from "./validate.js";

export interface ScanOptions {
  /** How invalid records are reported: errors, or warnings with --skip-invalid. */
  readonly severity: Severity;
  readonly context: ValidationContext;
}

export class RecordScan {
  read = 0;
  valid = 0;
  invalid = 0;
  /** Invalid records (and warnings), the first ISSUE_LIMIT of them. */
  readonly issues: IssueList;
  /** Sources that held no record at all. */
  readonly emptySources: string[] = [];
  private readAtSourceStart = 0;

  constructor(private readonly options: ScanOptions) {
    this.issues = new IssueList(ISSUE_LIMIT);
  }

  /** Validates and counts one record; returns it as a shipment when it is valid. */
  take(raw: RawRecord): Shipment | undefined {
    this.read++;
    const outcome = toShipment(raw, this.options.severity, this.options.context);
    if (isShipment(outcome)) {
      this.valid++;
      return outcome;
    }
    this.invalid++;
    this.issues.add(outcome);
    return undefined;
  }

  /** Marks the end of one source, noting it when it held no record. */
  endSource(name: string): void {
    if (this.read === this.readAtSourceStart) this.emptySources.push(name);
    this.readAtSourceStart = this.read;
  }

  /** One warning per source that held no records. */
  emptySourceWarnings(): Issue[] {
    return this.emptySources.map((source) => ({
      severity: "warning",
      source,
      line: null,
      field: null,
      code: "no_records",
      message: "holds no records",
    }));
  }
}
