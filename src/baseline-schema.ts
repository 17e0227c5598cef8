// What an earlier `--json` report must hold to serve as a `--baseline` (contract
// §14): its periods (or scenarios) and their tallies. Other keys are let through,
// so a report of a later capcheck with more keys still serves. `by`, `settings`
// and `settings.factors` are optional: a report of a capcheck before they were
// recorded has none.
import { z } from "zod";
import { FIRST_YEAR, LAST_YEAR } from "./domain/calendar.js";
import { BASIS_FILTERS } from "./domain/check.js";
import { PRODUCTS } from "./domain/units.js";

const status = z.enum(["ok", "notice", "exceeded"]);
// The ranges capcheck writes: a hand-edited -5 barrels or --year 0 is no report of its.
const barrels = z.number().min(0);
const loadFactor = z.number().gt(0).max(1);
const tally = z.object({
  barrels,
  status,
  reached: z.record(z.string(), z.string().nullable()),
  exceededOn: z.string().nullable(),
});
const period = z.object({
  regime: z.string(),
  label: z.string(),
  start: z.string(),
  cap: z.object({ barrels }),
  total: tally,
  groups: z.array(tally.extend({ key: z.string() })),
});

export const baselineSchema = z.object({
  schemaVersion: z.literal(1),
  // Printed in every format's changes heading: a capcheck and its version, never
  // free text (escape sequences, Markdown or HTML from a file).
  generator: z
    .string()
    .regex(/^capcheck [0-9A-Za-z.+-]{1,40}$/, "expected capcheck and its version"),
  // A field name: a later capcheck's grouping is a name too, never text to print raw.
  by: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, "expected a field name such as exporter")
    .optional(),
  // Printed in warnings when they differ from this run's: regime ids, never free text.
  settings: z
    .object({
      regimes: z.array(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "expected a regime id"),
      ),
      year: z.number().int().min(FIRST_YEAR).max(LAST_YEAR).nullable(),
      basis: z.enum(BASIS_FILTERS),
      loadFactor: loadFactor.nullable(),
      foldNames: z.boolean(),
      // Absent in a report of a capcheck before factors were recorded. Keys are
      // printed in warnings too: product names, never free text.
      factors: z.partialRecord(z.enum(PRODUCTS), z.number().positive()).optional(),
    })
    .optional(),
  verdict: z.enum(["ok", "notice", "exceeded", "invalid"]),
  periods: z.array(period).optional(),
  scenarios: z.array(z.object({ loadFactor, periods: z.array(period) })).optional(),
});
