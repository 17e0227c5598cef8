// Streams generated records into `capcheck check -` and reports its peak memory,
// to show it stays flat as the record count grows (contract §8). Not a test: run
// it by hand (npm run bench:memory).
//
//   node bench/memory.js 1000000 10000000
import { fileURLToPath } from "node:url";
import { writeRecords } from "./generate.js";
import { measure } from "./measure.js";

const BIN = fileURLToPath(new URL("../bin/capcheck.js", import.meta.url));

const counts = process.argv.slice(2).map(Number);
for (const count of counts.length > 0 ? counts : [1_000_000, 10_000_000]) {
  const { peak, seconds, stdout } = await measure(
    process.execPath,
    [BIN, "check", "--json", "--input-format", "csv", "-"],
    (stdin) => writeRecords(stdin, "csv", count),
  );
  const read = JSON.parse(stdout).records.read;
  if (read !== count) throw new Error(`read ${read} of ${count}`);
  console.log(
    `${count.toLocaleString("en")} records: peak ${peak.toFixed(1)} MiB, ${seconds.toFixed(1)} s`,
  );
}
