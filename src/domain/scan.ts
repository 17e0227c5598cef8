// The validate step, pure: each record is counted as valid or invalid, the
// invalid ones kept as issues. Fed by the readers (src/pipeline.ts) or with
// records held in memory (checkRecords).
import {
  ISSUE_LIMIT,
  type Issue,
  IssueList,
  type IssueListState,
  type Relocate,
  type Severity,
} from "./issues.js";
import { quote } from "./sanitize.js";
import { StateNameFolder } from "./state-names.js";
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
  /** Fold exporter names to the UN short name (contract §12). */
  readonly foldNames?: boolean;
}

type Place = Pick<Issue, "source" | "line" | "index">;

/** A scan's counts and findings as data (a worker's, see src/parallel.ts). */
export interface ScanState {
  readonly read: number;
  readonly valid: number;
  readonly invalid: number;
  readonly issues: IssueListState;
  /** Each exporter name folded, in the order met, and where. */
  readonly foldings: readonly { readonly written: string; readonly at: Place }[];
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
  private readonly folder: StateNameFolder | undefined;
  /** Where each folding was first met, in the folder's order. */
  private readonly foldedAt: Place[] = [];

  constructor(private readonly options: ScanOptions) {
    this.issues = new IssueList(ISSUE_LIMIT);
    if (options.foldNames) this.folder = new StateNameFolder();
  }

  /** Validates and counts one record; returns it as a shipment when it is valid. */
  take(raw: RawRecord): Shipment | undefined {
    this.read++;
    const outcome = toShipment(raw, this.options.severity, this.options.context);
    if (isShipment(outcome)) {
      this.valid++;
      if (this.folder !== undefined) this.fold(outcome);
      return outcome;
    }
    this.invalid++;
    this.issues.add(outcome);
    return undefined;
  }

  private fold(shipment: Shipment): void {
    const folder = this.folder as StateNameFolder;
    const before = folder.foldings.length;
    shipment.exporter = folder.fold(shipment.exporter);
    if (folder.foldings.length > before) {
      const where = { source: shipment.file, line: shipment.line };
      this.foldedAt.push(
        shipment.index === undefined ? where : { ...where, index: shipment.index },
      );
    }
  }

  state(): ScanState {
    const foldings = (this.folder?.foldings ?? []).map((folding, i) => ({
      written: folding.written,
      at: this.foldedAt[i] as Place,
    }));
    const { read, valid, invalid, issues } = this;
    return { read, valid, invalid, issues, foldings };
  }

  /**
   * Another scan's records, as if they had come after these: its issues after
   * these, its foldings where this folder had not met them; `moved` relocates each.
   */
  absorb(other: ScanState, moved: Relocate): void {
    this.read += other.read;
    this.valid += other.valid;
    this.invalid += other.invalid;
    this.issues.absorb(other.issues, moved);
    for (const { written, at } of other.foldings) {
      const folder = this.folder as StateNameFolder;
      const before = folder.foldings.length;
      folder.fold(written);
      if (folder.foldings.length > before) this.foldedAt.push(moved(at));
    }
  }

  /** One note per exporter name folded to a UN short name, where it was first met. */
  foldingNotes(): Issue[] {
    return (this.folder?.foldings ?? []).map((folding, i) => ({
      severity: "note",
      ...(this.foldedAt[i] as Pick<Issue, "source" | "line">),
      field: "exporter",
      code: "folded_name",
      message: `${quote(folding.written)} read as ${quote(folding.unName)}, the UN short name (--no-fold-names keeps names as written)`,
    }));
  }

  /** A warning about a source: kept with the others. */
  warn(issue: Issue): void {
    this.issues.add(issue);
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
