// capcheck ledger [files...]: every counted record in date order, with the rule
// that made its barrels and its period's running total, so that each figure of a
// report can be traced to the records behind it.
//
//   capcheck ledger shipments.csv
//   capcheck ledger --format csv --regime unscr2397-refined data/*.csv > ledger.csv
import { aggregate, type CheckOptions, InvalidRecordsError } from "../check.js";
import type { Aggregator } from "../domain/aggregate.js";
import { type LedgerEntry, ledgerRows } from "../domain/ledger.js";
import type { InputSource } from "../ingest/index.js";
import {
  renderLedgerCsv,
  renderLedgerJson,
  renderLedgerNdjson,
  renderLedgerTable,
} from "../report/ledger.js";
import { issueLines } from "./check.js";
import type { CommandOutput } from "./output.js";

export type LedgerFormat = "table" | "json" | "csv" | "ndjson";

export interface LedgerCommandOptions extends CheckOptions {
  readonly format: LedgerFormat;
  readonly quiet: boolean;
}

export async function ledger(
  sources: readonly InputSource[],
  options: LedgerCommandOptions,
): Promise<CommandOutput> {
  const entries: LedgerEntry[] = [];
  let aggregation: Awaited<ReturnType<typeof aggregate>>;
  try {
    aggregation = await aggregate(
      sources,
      { ...options, scenarios: [] },
      (shipment, sourceIndex, placement) => {
        for (const period of placement.periods) {
          entries.push({
            shipment,
            sourceIndex,
            nano: placement.converted.nano,
            rule: placement.converted.rule,
            period,
          });
        }
      },
    );
  } catch (error) {
    if (!(error instanceof InvalidRecordsError)) throw error;
    return {
      stdout: "",
      stderr: [
        ...issueLines(error.issues, error.invalid, ""),
        `${error.invalid} of ${error.read} records invalid`,
      ],
      exitCode: 2,
    };
  }
  const rows = ledgerRows(
    entries,
    aggregation.aggregators[0] as Aggregator,
    options.by ?? "exporter",
  );
  const warnings = aggregation.scan.issues.toArray().filter((i) => i.code !== "truncated");
  const stderr = issueLines(warnings, warnings.length, "warning: ");
  if (options.quiet) return { stdout: "", stderr, exitCode: 0 };
  const render = {
    table: () => renderLedgerTable(rows, options.by ?? "exporter"),
    json: () => renderLedgerJson(rows),
    csv: () => renderLedgerCsv(rows),
    ndjson: () => renderLedgerNdjson(rows),
  }[options.format];
  return { stdout: render(), stderr, exitCode: 0 };
}
