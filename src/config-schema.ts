// The zod schema of capcheck.config.json (contract §14), loaded only when one is used.
import { z } from "zod";
import { BASIS_FILTERS } from "./domain/check.js";
import { NUMBER_FORMATS } from "./domain/number-format.js";

const either = (words: readonly string[]) =>
  `${words.slice(0, -1).join(", ")} or ${words.at(-1) as string}`;

const text = z.string().min(1);
const list = z.union([text, z.array(text)]);
const decimal = z.union([z.number(), text]);
/** What each key takes, as a message that refuses its value says it. */
export const CONFIG_TAKES: Readonly<Record<string, string>> = {
  $schema: "the URL of capcheck's config schema",
  inputs: "a list of file names or globs",
  regimes: "a regime id, or a list of them",
  caps: "a file name",
  factors: "a file name",
  failOn: "a condition, or a list of them",
  skipInvalid: "true or false",
  by: "a field name, such as exporter",
  basis: either(BASIS_FILTERS),
  loadFactor: "a number or a fraction, such as 0.33 or 1/3",
  scenarios: "a list of load factors, or text listing them",
  numberFormat: either(NUMBER_FORMATS),
  outputs: "a list of FORMAT:FILE",
};

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

/** The keys a config file takes. */
export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);
