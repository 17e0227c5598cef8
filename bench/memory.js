// Streams generated records into `capcheck check -` or `capcheck ledger -` and
// reports peak memory, to show it stays flat as the record count grows (contract
// §8 and §15). Not a test: run it by hand (npm run bench:memory).
//
//   node bench/memory.js check 1000000 4000000
//   node bench/memory.js ledger 1000000 10000000
import { fileURLToPath } from "node:url";
import { writeRecords } from "./generate.js";
import { measure } from "./measure.js";

const BIN = fileURLToPath(new URL("../bin/capcheck.js", import.meta.url));

const [command = "check", ...rest] = process.argv.slice(2);
const counts = rest.length > 0 ? rest.map(Number) : [1_000_000, 10_000_000];
for (const count of counts) {
  const ledger = command === "ledger";
  const args = ledger
    ? [BIN, "ledger", "--format", "csv", "--input-format", "csv", "-"]
    : [BIN, "check", "--json", "--input-format", "csv", "-"];
  const { peak, seconds, stdout, lines } = await measure(
    process.execPath,
    args,
    (stdin) => writeRecords(stdin, "csv", count),
    !ledger,
  );
  // The ledger's CSV has a header line and one line a record (one period each here).
  const read = ledger ? lines - 1 : JSON.parse(stdout).records.read;
  if (read !== count) throw new Error(`${command}: ${read} of ${count} records`);
  console.log(
    `${command}, ${count.toLocaleString("en")} records: peak ${peak.toFixed(1)} MiB, ${seconds.toFixed(1)} s`,
  );
}
