// The floor of our stack: csv-parse alone reading a CSV file into arrays.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

let records = 0;
for await (const _ of createReadStream(process.argv[2]).pipe(parse())) records++;
console.log(records);
