// DuckDB doing `check`'s work on a CSV file (see peers.js), timed by the bench as
// one process like the others: `node bench/duckdb.js FILE` prints the grand total.
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdbSql } from "./peers.js";

const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(duckdbSql(process.argv[2]));
let total = 0;
for (const [, , barrels] of reader.getRows()) total += Number(barrels);
console.log(total);
