// The zod schema of capcheck.config.json (contract §14), loaded only when one is used.
import { z } from "zod";

const text = z.string().min(1);
const list = z.union([text, z.array(text)]);
const decimal = z.union([z.number(), text]);
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  inputs: z.array(text).optional(),
  regimes: list.optional(),
  caps: text.optional(),
  factors: text.optional(),
  failOn: list.optional(),
  skipInvalid: z.boolean().optional(),
  by: text.optional(),
  basis: text.optional(),
  loadFactor: decimal.optional(),
  scenarios: z.union([text, z.array(decimal).min(1)]).optional(),
  numberFormat: text.optional(),
  outputs: z.array(z.string().regex(/^[a-z]+:./, "expected FORMAT:FILE")).optional(),
});
