// The zod schemas of the two configuration files, `--caps` and `--factors`,
// loaded only when one is given so that a plain check never pays for zod.
import { z } from "zod";
import {
  addMonths,
  FIRST_YEAR,
  isDayOfMonth,
  isYearInCalendar,
  LAST_YEAR,
  previousDay,
  splitDay,
} from "./calendar.js";
import { CAP_RANGE_TEXT, isCapInRange } from "./cap-range.js";
import { parseDecimal, type Ratio, toNano } from "./decimal.js";
import { DEFAULT_THRESHOLDS, type Regime, threshold } from "./regimes.js";
import { quote } from "./sanitize.js";
import { PRODUCT_TABLE, PRODUCTS, type Product, productOf } from "./units.js";

/** A cap in barrels, written as a JSON number or a string. */
const capBarrels = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ratio = parseDecimal(String(value));
  if (ratio === undefined || !isCapInRange(ratio)) {
    ctx.addIssue({
      code: "custom",
      message: `expected a number of barrels ${CAP_RANGE_TEXT}, got ${quote(String(value))}`,
    });
    return z.NEVER;
  }
  return ratio;
});

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((day) => {
    const [y, m, d] = splitDay(day);
    return isDayOfMonth(y, m, d);
  }, "not a calendar date")
  .refine(
    (day) => isYearInCalendar(splitDay(day)[0]),
    `expected a day from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31 (leave end out for an open-ended regime)`,
  );

/** One regime of a `--caps` file (contract §4). */
const regimeSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected letters, digits, . _ or -"),
    title: z.string().min(1).max(200),
    commodity: z.enum(["refined", "crude"]),
    capBarrels: capBarrels,
    start: isoDay,
    periodMonths: z.number().int().min(1).max(1200).optional(),
    // null as `regimes --json` prints an open-ended regime's end, so its output reads back.
    end: isoDay.nullish().transform((day) => day ?? undefined),
    thresholds: z
      .array(z.number().gt(0).lt(1))
      .min(1)
      .max(10)
      .refine(
        (list) => list.every((t, i) => i === 0 || t > (list[i - 1] as number)),
        "expected rising thresholds",
      )
      .optional(),
  })
  .refine((r) => r.end === undefined || r.end >= r.start, {
    message: "end is before start",
    path: ["end"],
  })
  // With an end, the regime is one period from start to end (contract §4): a
  // periodMonths that spans another length would be dropped in silence.
  .refine(
    (r) =>
      r.end === undefined ||
      r.periodMonths === undefined ||
      r.end < r.start ||
      previousDay(addMonths(r.start, r.periodMonths)) === r.end,
    {
      message:
        "with an end, a regime is one period from start to end, not periods of periodMonths months; leave periodMonths out, or end out for open-ended periods",
      path: ["periodMonths"],
    },
  )
  .transform(
    (r): Regime => ({
      id: r.id,
      title: r.title,
      commodity: r.commodity,
      cap: toNano(r.capBarrels),
      start: r.start,
      periodMonths: r.periodMonths ?? 12,
      ...(r.end !== undefined ? { end: r.end } : {}),
      thresholds: r.thresholds ? r.thresholds.map((t) => threshold(String(t))) : DEFAULT_THRESHOLDS,
    }),
  );

export const capsFileSchema = z
  .array(regimeSchema)
  .min(1)
  .refine(
    (list) => new Set(list.map((r) => r.id)).size === list.length,
    "regime ids must be unique",
  );

const PROTO = "__proto__";

const unknownProduct = (key: string) =>
  `unknown product${PRODUCT_TABLE.hint(key)}; accepted: ${PRODUCTS.join(", ")}`;

/**
 * A `--factors` file: `{ "diesel": 7.46, ... }`, keys by any accepted product name.
 * An unknown key names the closest product; two keys for one product (`"gas oil"`
 * and `"diesel"`) are refused, since either value would be a guess.
 */
export const factorsFileSchema = z.preprocess(
  (value, ctx) => {
    // JSON.parse keeps `"__proto__"` as a key of its own, but zod's record, built as a
    // plain object, drops it in silence: it is named here as any unknown product is.
    if (typeof value === "object" && value !== null && Object.hasOwn(value, PROTO)) {
      ctx.addIssue({ code: "custom", path: [PROTO], message: unknownProduct(PROTO), input: value });
    }
    return value;
  },
  z
    .record(
      z.string(),
      z
        .union([z.number(), z.string()], { error: "expected barrels per ton, such as 7.46" })
        .transform((value, ctx): Ratio => {
          const ratio = parseDecimal(String(value));
          if (ratio === undefined || ratio.num === 0n || ratio.num > 1000n * ratio.den) {
            ctx.addIssue({
              code: "custom",
              message: `expected barrels per ton above 0 and at most 1000, got ${JSON.stringify(value)}`,
            });
            return z.NEVER;
          }
          return ratio;
        }),
      {
        // `factors --json` prints a list of rows: say which shape this file takes instead.
        error: (issue) =>
          issue.code === "invalid_type"
            ? 'expected an object of barrels per ton by product, such as { "diesel": 7.46 }'
            : undefined,
      },
    )
    .superRefine((record, ctx) => {
      const keyOf = new Map<Product, string>();
      for (const key of Object.keys(record)) {
        const product = productOf(key);
        if (product === undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: unknownProduct(key) });
          continue;
        }
        const earlier = keyOf.get(product);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${quote(earlier)} gives ${product} too: give each product once`,
          });
        }
        keyOf.set(product, key);
      }
    }),
);
