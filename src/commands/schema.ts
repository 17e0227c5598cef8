// capcheck schema: print the JSON Schema of one input record, generated from the
// zod schema that validates every record; with --report, that of the --json report.
//
//   capcheck schema > shipment.schema.json
//   capcheck schema --report > report.schema.json
import type { CommandSpec } from "./options.js";

export const schema: CommandSpec<{ report?: boolean }> = {
  name: "schema",
  summary: "print the JSON Schema of one input record (or of the report)",
  description:
    "Prints the JSON Schema of one input record, generated from the validating zod schema; with --report, the JSON Schema of the report that check --json prints.",
  readsFiles: false,
  options: [{ flags: "--report", description: "the schema of the check --json report instead" }],
  examples: [
    "capcheck schema > shipment.schema.json",
    "capcheck schema | jq .properties.date",
    "capcheck schema --report > report.schema.json",
  ],
  run: async ({ flags }) => {
    // zod loads only for this command: start-up stays short for the others.
    const schemaOf = flags.report
      ? (await import("../domain/report-schema.js")).reportJsonSchema
      : (await import("../domain/schema.js")).recordJsonSchema;
    return { stdout: `${JSON.stringify(schemaOf(), null, 2)}\n`, stderr: [], exitCode: 0 };
  },
};
