// Deterministic shipment records for benchmarks: CSV or NDJSON, tons and barrels
// mixed, spread over 2018-2024, five exporters, thirteen ports.
const EXPORTERS = ["Russian Federation", "China", "Belarus", "Kazakhstan", "Mongolia"];
const PRODUCTS = ["diesel", "gasoline", "fuel oil", "lpg", "kerosene"];
const DAY_MS = 86_400_000;
const START = Date.UTC(2018, 0, 1);
const DAYS = 2557; // 2018-01-01 to 2024-12-31

const dates = Array.from({ length: DAYS }, (_, i) =>
  new Date(START + i * DAY_MS).toISOString().slice(0, 10),
);

export const CSV_HEADER = "date,exporter,product,quantity,unit,barrels,origin\n";

/** Record i as its fields: every other record in tons, the rest in barrels. */
function fields(i) {
  const tons = i % 2 === 0;
  return {
    date: dates[(i * 7919) % DAYS],
    exporter: EXPORTERS[i % 5],
    product: PRODUCTS[(i >> 1) % 5],
    quantity: tons ? `${i % 997}.5` : "",
    unit: tons ? "t" : "",
    barrels: tons ? "" : `${(i % 1009) * 3}.25`,
    origin: `Port ${i % 13}`,
  };
}

/** Records from..to as one chunk of text. */
export function chunk(format, from, to) {
  const lines = [];
  for (let i = from; i < to; i++) {
    const f = fields(i);
    if (format === "csv")
      lines.push(
        `${f.date},${f.exporter},${f.product},${f.quantity},${f.unit},${f.barrels},${f.origin}`,
      );
    else {
      const o = { date: f.date, exporter: f.exporter, product: f.product, origin: f.origin };
      if (f.unit) Object.assign(o, { quantity: f.quantity, unit: f.unit });
      else o.barrels = f.barrels;
      lines.push(JSON.stringify(o));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Writes `count` records to a writable stream, honouring backpressure. */
export async function writeRecords(stream, format, count) {
  if (format === "csv") stream.write(CSV_HEADER);
  const step = 10_000;
  for (let i = 0; i < count; i += step) {
    if (!stream.write(chunk(format, i, Math.min(count, i + step)))) {
      await new Promise((resolve) => stream.once("drain", resolve));
    }
  }
  stream.end();
}
