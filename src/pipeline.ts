// Read → validate, shared by every command that reads records: each source in
// order, each record counted as valid or invalid, the valid ones handed on.
import { RecordScan, type ScanOptions } from "./domain/scan.js";
import type { Shipment } from "./domain/validate.js";
import { type InputSource, type ReadOptions, readRecords } from "./ingest/index.js";

export async function scan(
  sources: readonly InputSource[],
  options: ScanOptions & { readonly read: ReadOptions },
  onShipment: (shipment: Shipment, sourceIndex: number) => void,
): Promise<RecordScan> {
  const result = new RecordScan(options);
  for (const [index, source] of sources.entries()) {
    for await (const batch of readRecords([source], options.read)) {
      for (const raw of batch) {
        const shipment = result.take(raw);
        if (shipment !== undefined) onShipment(shipment, index);
      }
    }
    result.endSource(source.name);
  }
  return result;
}
