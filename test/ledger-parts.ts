// A ledger read in two parts, as on two threads (src/parallel.ts, src/commands/ledger.ts):
// the later part's entries sorted into runs of their own, then taken into the first
// part's sort and numbering. For the tests of taking parts in and of making the
// lines in two spans.
import { CheckCore, type ResolvedCheckOptions } from "../dist/domain/check.js";
import { ENTRY_SHAPE, LedgerEntries } from "../dist/domain/ledger.js";
import { type Renumbering, renumbering } from "../dist/domain/ledger-columns.js";
import { TextTable } from "../dist/domain/text-table.js";
import { DaySort } from "../dist/external-sort.js";
import { recordOf } from "../dist/ingest/raw-records.js";
import { resolveCheckOptions } from "../dist/options.js";

/** The options of these ledgers, run on a fixed day. */
export const ledgerOptions = () => resolveCheckOptions({ today: "2026-11-27" });

/** Records as one part's entries (lines counted from 2, as in its own file). */
export function partOf(options: ResolvedCheckOptions, entries: LedgerEntries, records: object[]) {
  const core = new CheckCore(options, (shipment, source, placement) =>
    entries.add(shipment, source, placement),
  );
  for (const [i, value] of records.entries()) core.add(recordOf("f.csv", i + 2, value), 0);
  return core;
}

/**
 * A ledger of two parts, in runs of `run` records, the first part's text table
 * holding `tableSize` texts (the later part's others then go with their entries).
 */
export async function ledgerOfParts(
  first: object[],
  second: object[],
  run: number,
  tableSize: number,
) {
  const options = await ledgerOptions();
  const sort = new DaySort<Renumbering>(ENTRY_SHAPE, run);
  const entries = new LedgerEntries(sort, options.by, new TextTable(tableSize));
  const core = partOf(options, entries, first);
  const laterSort = new DaySort(ENTRY_SHAPE, run, { dir: sort.directory(), prefix: "p1-" });
  const later = new LedgerEntries(laterSort, options.by);
  const laterCore = partOf(options, later, second);
  core.absorb(laterCore.state(), first.length);
  const numbering = entries.absorb(later.part(), 0, first.length);
  sort.adopt(laterSort.handOver(), renumbering(numbering), numbering);
  return { sort, entries, aggregator: core.first };
}
