// Every command, and what the program says of itself: the one list that the
// parser, --help, the man page and the shell completions are all built from.
import { check } from "./check.js";
import { completion } from "./completion.js";
import { factors } from "./factors.js";
import { ledger } from "./ledger.js";
import type { CommandSpec } from "./options.js";
import { regimes } from "./regimes.js";
import { schema } from "./schema.js";
import { validate } from "./validate.js";

export const COMMANDS: readonly CommandSpec[] = [
  validate,
  check,
  ledger,
  regimes,
  factors,
  schema,
  completion,
];

export const PROGRAM = {
  description:
    "Checks shipment records against the UN Security Council's caps on refined petroleum and crude oil to the DPRK.",
  examples: [
    "capcheck check shipments.csv             # the report; exit 1 over a cap",
    "capcheck validate data/*.csv             # name every invalid record",
    "cat data.ndjson | capcheck check --json  # the report as JSON, from a pipe",
    "capcheck completion bash                 # a completion script for the shell",
  ],
} as const;
