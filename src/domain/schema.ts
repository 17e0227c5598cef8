// The zod schema of one input record, assembled from the field table of fields.ts:
// zod checks the shape (which fields, of which JSON types, which are required) and
// each field's own rule decides its value, so the two paths cannot drift apart.
import { z } from "zod";
import {
  FIELD_NAMES,
  FIELD_RULES,
  FIELDS,
  type FieldName,
  type FieldSpec,
  type FieldValues,
  REQUIRED_FIELDS,
} from "./fields.js";
import { type FieldProblem, isProblem, LOAD_FACTOR_PATTERN, NUMBER_PATTERN } from "./rules.js";
import { NO_CONTEXT, recordProblem, type ShipmentFields } from "./validate.js";

const INPUTS = {
  text: () => z.string(),
  scalar: () => z.union([z.string(), z.number()]),
  number: () =>
    z.union([z.number().min(0).max(1e12), z.string().regex(new RegExp(NUMBER_PATTERN))]),
  fraction: () =>
    z.union([z.number().min(0).max(1e12), z.string().regex(new RegExp(LOAD_FACTOR_PATTERN))]),
};

function zodField(name: FieldName): z.ZodType {
  const { input, description, pattern, maxLength }: FieldSpec = FIELDS[name];
  const meta = { description, ...(pattern && { pattern }), ...(maxLength && { maxLength }) };
  const base = INPUTS[input]().meta(meta);
  const shaped = REQUIRED_FIELDS.has(name) ? base : base.optional();
  return shaped.transform((value, ctx) => {
    const result = FIELD_RULES[name](value);
    if (isProblem(result)) {
      ctx.addIssue({ code: "custom", message: result.message, params: { code: result.code } });
      return z.NEVER;
    }
    return result;
  });
}

/**
 * The record schema: input is a record's values keyed by field name (aliases
 * already resolved, empty values absent); output is ShipmentFields.
 */
export const recordSchema = z
  .object(
    Object.fromEntries(FIELD_NAMES.map((name) => [name, zodField(name)])) as Record<
      FieldName,
      z.ZodType
    >,
  )
  .transform((fields, ctx) => {
    const shipment = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined),
    ) as unknown as ShipmentFields;
    // The shape alone: whether --load-factor was given is the command line's to say.
    const p = recordProblem(shipment, NO_CONTEXT);
    if (p) {
      ctx.addIssue({
        code: "custom",
        path: [p.field],
        message: p.message,
        params: { code: p.code },
      });
      return z.NEVER;
    }
    return shipment;
  })
  .meta({
    title: "capcheck shipment record",
    description:
      "One shipment record. Keys match case-insensitively, spaces and hyphens read as _, and each field also accepts its aliases. An empty value or null is a missing field. Needs barrels, or quantity with unit.",
  });

/** The JSON Schema of one input record, generated from the zod schema. */
export function recordJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(recordSchema, { io: "input" }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const name of FIELD_NAMES) {
    const { aliases } = FIELDS[name];
    if (aliases.length > 0 && properties[name]) {
      properties[name].description += ` (aliases: ${aliases.join(", ")})`;
    }
  }
  return schema;
}

/** Turns a zod failure into the same FieldProblem the fast path gives. */
export function problemFromZod(error: z.ZodError, values: FieldValues): FieldProblem {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? "record") as FieldName;
  const params = (issue as { params?: { code?: string } } | undefined)?.params;
  if (issue && params?.code) return { field, code: params.code, message: issue.message };
  // zod's own type check failed before the rule ran: the rule words the problem.
  const viaRule = FIELD_RULES[field]?.(values[field]);
  if (viaRule && isProblem(viaRule)) return viaRule;
  return { field, code: "invalid_type", message: "expected text or a number" };
}
