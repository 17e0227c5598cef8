// capcheck schema: print the JSON Schema of one input record, generated from the
// zod schema that validates every record.
//
//   capcheck schema > shipment.schema.json
import type { CommandSpec } from "./options.js";

export const schema: CommandSpec = {
  name: "schema",
  summary: "print the JSON Schema of one input record",
  description:
    "Prints the JSON Schema of one input record, generated from the validating zod schema.",
  readsFiles: false,
  options: [],
  examples: ["capcheck schema > shipment.schema.json", "capcheck schema | jq .properties.date"],
  run: async () => {
    // zod loads only for this command: start-up stays short for the others.
    const { recordJsonSchema } = await import("../domain/schema.js");
    return { stdout: `${JSON.stringify(recordJsonSchema(), null, 2)}\n`, stderr: [], exitCode: 0 };
  },
};
