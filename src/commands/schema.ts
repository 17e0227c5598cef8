// capcheck schema: print the JSON Schema of one input record, generated from the
// zod schema that validates every record.
//
//   capcheck schema > shipment.schema.json
import { recordJsonSchema } from "../domain/schema.js";
import type { CommandOutput } from "./output.js";

export function schema(): CommandOutput {
  return { stdout: `${JSON.stringify(recordJsonSchema(), null, 2)}\n`, stderr: [], exitCode: 0 };
}
