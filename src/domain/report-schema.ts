// The zod schema of the `--json` report (contract §6, §14), for `capcheck schema
// --report`: strict objects, so a key added to the Report without its schema
// fails the test that checks real reports against it.
import { z } from "zod";
import { GROUP_FIELDS } from "./aggregate.js";
import { SETTING_NAMES } from "./baseline.js";
import { BASIS_FILTERS } from "./check.js";
import { PRODUCTS } from "./units.js";

const status = z.enum(["ok", "notice", "exceeded"]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const tally = z.strictObject({
  barrels: z.number(),
  reported: z.number(),
  estimated: z.number(),
  share: z.number(),
  status,
  records: z.number().int(),
  reached: z.record(z.string(), day.nullable()),
  exceededOn: day.nullable(),
  atLeast: z.boolean(),
  // Null: not counted (`--basis estimated` leaves the reported records out).
  official: z
    .strictObject({
      barrels: z.number(),
      share: z.number(),
      status,
      exceededOn: day.nullable(),
      atLeast: z.boolean(),
    })
    .nullable(),
  afterNotice: z.strictObject({
    barrels: z.number(),
    records: z.number().int(),
    atLeast: z.boolean(),
  }),
});

const period = z.strictObject({
  regime: z.string(),
  title: z.string(),
  commodity: z.enum(["refined", "crude"]),
  label: z.string(),
  start: day,
  end: day,
  cap: z.strictObject({ barrels: z.number() }),
  total: tally,
  groups: z.array(tally.extend({ key: z.string() })),
  // Null: not worked out (`--basis estimated` leaves the reported records out).
  gaps: z.array(z.strictObject({ key: z.string(), months: z.array(z.string()) })).nullable(),
});

const issue = z.strictObject({
  severity: z.enum(["error", "warning", "note"]),
  source: z.string(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  index: z.number().int().optional(),
});

const side = z.strictObject({ barrels: z.number(), status }).nullable();
const tallyChange = z.strictObject({
  before: side,
  after: side,
  newlyReached: z.record(z.string(), day),
  newlyExceededOn: day.nullable(),
  worse: z.boolean(),
});

// The tons-to-barrels factors not the built-in ones (`--factors`), by product.
const factors = z
  .strictObject(
    Object.fromEntries(PRODUCTS.map((p) => [p, z.number().positive().optional()])) as Record<
      (typeof PRODUCTS)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .meta({
    description: "Barrels per metric ton of each product whose factor is not the built-in one.",
  });

// The settings besides `by` that decide what was counted (`--regime`, `--year`,
// `--basis`, `--load-factor`, `--no-fold-names`) and how tons converted (`--factors`).
const settings = z.strictObject({
  regimes: z.array(z.string()),
  year: z.number().int().nullable(),
  basis: z.enum(BASIS_FILTERS),
  loadFactor: z.number().nullable(),
  foldNames: z.boolean(),
  factors,
});

const periodName = z.strictObject({
  regime: z.string(),
  label: z.string(),
  start: day,
  loadFactor: z.number().optional(),
});

const changes = z.strictObject({
  baseline: z.strictObject({
    generator: z.string(),
    verdict: z.string(),
    // Null: the baseline does not record its grouping (an earlier capcheck).
    by: z.string().nullable(),
    // Null: the baseline does not record its settings (an earlier capcheck), or
    // (`factors`) not its factors.
    settings: settings.extend({ factors: factors.nullable() }).nullable(),
  }),
  // False: the baseline was grouped by another field (or named exporters otherwise);
  // only the totals were compared.
  groupsCompared: z.boolean(),
  settingsDiffer: z.array(z.enum(SETTING_NAMES)),
  // Periods in one report alone, not compared: the regimes or year selected differ.
  periodsNotCompared: z.array(periodName.extend({ onlyIn: z.enum(["baseline", "run"]) })),
  loadFactorsNotCompared: z.strictObject({
    onlyInBaseline: z.array(z.number()),
    onlyInRun: z.array(z.number()),
  }),
  capsDiffer: z.array(
    z.strictObject({
      regime: z.string(),
      label: z.string(),
      start: day,
      before: z.number(),
      after: z.number(),
    }),
  ),
  worse: z.number().int(),
  periods: z.array(
    periodName.extend({
      total: tallyChange,
      groups: z.array(tallyChange.extend({ key: z.string() })),
    }),
  ),
});

const head = {
  schemaVersion: z.literal(1),
  generator: z.string(),
  records: z.strictObject({
    read: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    uncapped: z.number().int(),
    excluded: z.number().int(),
    counted: z.number().int(),
  }),
  // The field the groups are keyed by (`--by`).
  by: z.enum(GROUP_FIELDS),
  settings,
  issues: z.array(issue),
  changes: changes.optional(),
};

export const reportSchema = z
  .union([
    z.strictObject({
      ...head,
      verdict: status,
      officialVerdict: status.nullable(),
      periods: z.array(period),
    }),
    z.strictObject({
      ...head,
      verdict: status,
      officialVerdict: status.nullable(),
      scenarios: z.array(
        z.strictObject({ loadFactor: z.number(), verdict: status, periods: z.array(period) }),
      ),
    }),
    z.strictObject({
      ...head,
      verdict: z.literal("invalid"),
      officialVerdict: z.literal("invalid"),
      periods: z.array(period).max(0),
    }),
  ])
  .meta({
    title: "capcheck report, schema version 1",
    description: "What `capcheck check --json` prints (contract §6 and §14).",
  });

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema) as Record<string, unknown>;
}
