// Read → validate, shared by every command that reads records: it counts each
// record as valid or invalid and hands the valid ones on, one at a time.
import { type Issue, IssueList, type Severity } from "./domain/issues.js";
import type { ValidationContext } from "./domain/record.js";
import { isShipment, type Shipment, toShipment } from "./domain/validate.js";
import { type InputSource, type ReadOptions, readRecords } from "./ingest/index.js";

export interface ScanResult {
  read: number;
  valid: number;
  invalid: number;
  /** Invalid records (and warnings), the first `issueLimit` of them. */
  issues: IssueList;
  /** Sources that held no record at all. */
  emptySources: string[];
}

export interface ScanOptions {
  readonly read: ReadOptions;
  /** How invalid records are reported: errors, or warnings with --skip-invalid. */
  readonly severity: Severity;
  readonly issueLimit: number;
  readonly context: ValidationContext;
}

export async function scan(
  sources: readonly InputSource[],
  options: ScanOptions,
  onShipment: (shipment: Shipment, sourceIndex: number) => void,
): Promise<ScanResult> {
  const result: ScanResult = {
    read: 0,
    valid: 0,
    invalid: 0,
    issues: new IssueList(options.issueLimit),
    emptySources: [],
  };
  for (const [index, source] of sources.entries()) {
    const before = result.read;
    for await (const batch of readRecords([source], options.read)) {
      for (const raw of batch) {
        result.read++;
        const outcome = toShipment(raw, options.severity, options.context);
        if (isShipment(outcome)) {
          result.valid++;
          onShipment(outcome, index);
        } else {
          result.invalid++;
          result.issues.add(outcome);
        }
      }
    }
    if (result.read === before) result.emptySources.push(source.name);
  }
  return result;
}

export function emptySourceWarning(source: string): Issue {
  return {
    severity: "warning",
    source,
    line: null,
    field: null,
    code: "no_records",
    message: "holds no records",
  };
}
