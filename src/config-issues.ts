// How a problem in a configuration file reads (the config file, --caps, --factors,
// --baseline): in capcheck's words, never zod's ("Invalid input: expected array,
// received number"): the key, what it takes, what it got. zod itself is not loaded
// here (types only): its schemas load only when such a file is given.
import type { z } from "zod";
import { closestName, didYouMean } from "./domain/did-you-mean.js";
import { counted } from "./domain/issues.js";
import { shown } from "./option-values.js";

type ZodIssue = z.core.$ZodIssue;

/** A place in the file, as the caller's messages write it (`$.inputs[0]`, `[0].start`). */
export type Place = (path: readonly PropertyKey[]) => string;

export interface Wording {
  /** Where an issue stands; "" for the file as a whole. */
  readonly place: Place;
  /** What the key at `path` takes, in words (`a list of file names`), where known. */
  readonly takes?: (path: readonly PropertyKey[]) => string | undefined;
  /** The keys the object at `path` takes, for "did you mean" on an unknown one. */
  readonly keys?: (path: readonly PropertyKey[]) => readonly string[] | undefined;
}

/** The JSON kinds zod names, as a value of each is written. */
const KINDS: Record<string, string> = {
  array: "a list",
  string: "text",
  boolean: "true or false",
  number: "a number",
  int: "a whole number",
  object: "an object",
  null: "null",
};

/**
 * `schema.safeParse(value)` in capcheck's words: the data, or the first problem as
 * one line, `PLACE: what it takes, got what`. A message a schema gives itself
 * (`expected FORMAT:FILE`) stands: zod asks these words only where it has none.
 */
export function parseConfig<T>(
  schema: z.ZodType<T>,
  value: unknown,
  wording: Wording,
): { readonly data: T } | { readonly problem: string } {
  const parsed = schema.safeParse(value, {
    reportInput: true,
    error: (issue) => issueText(issue as ZodIssue, wording),
  });
  if (parsed.success) return { data: parsed.data };
  const first = parsed.error.issues[0];
  if (first === undefined) return { problem: "is not valid" };
  const issue = within(first);
  let text = issue.message;
  // A schema's own words say what it takes (`expected FORMAT:FILE`); what it got is
  // said here, as for the rest. A custom check's sentence is left as it is.
  const saysWhatItTakes = text.startsWith("expected ") && !text.includes(", got ");
  if (saysWhatItTakes && issue.code !== "custom" && "input" in issue) {
    text += `, got ${gotText(issue.input)}`;
  }
  const place = wording.place(issue.path);
  return { problem: place === "" ? text : `${place}: ${text}` };
}

/**
 * A union's issue where the value was of one of its kinds but wrong inside (a list
 * holding a `true`): that kind's own issue, at its place, says what is wrong.
 */
function within(issue: ZodIssue): ZodIssue {
  if (issue.code !== "invalid_union") return issue;
  const kindMatched = issue.errors.find(
    (branch) => branch.length > 0 && branch.every((i) => (i.path ?? []).length > 0),
  );
  const inner = kindMatched?.[0];
  return inner === undefined ? issue : within({ ...inner, path: [...issue.path, ...inner.path] });
}

function issueText(issue: ZodIssue, wording: Wording): string | undefined {
  const path = issue.path ?? [];
  const got = issue.input === undefined ? "" : `, got ${gotText(issue.input)}`;
  const takes = () => wording.takes?.(path) ?? kindsOf(issue);
  // A key left out: JSON has no undefined, so the value is missing, whatever it takes.
  if (issue.input === undefined && issue.code !== "custom" && issue.code !== "unrecognized_keys")
    return "is required";
  switch (issue.code) {
    case "invalid_type":
      return `expected ${takes()}${got}`;
    case "invalid_union":
      return `expected ${takes()}${got}`;
    case "unrecognized_keys": {
      const names = issue.keys.map((k) => JSON.stringify(k)).join(", ");
      const known = wording.keys?.(path);
      const one = issue.keys.length === 1 ? (issue.keys[0] as string) : undefined;
      const hint = one !== undefined && known ? closestName(one, known) : undefined;
      return `unknown key${one === undefined ? "s" : ""} ${names}${didYouMean(hint)}`;
    }
    case "invalid_value":
      return `expected ${issue.values.map(String).join(", ")}${got}`;
    case "too_small":
    case "too_big":
      return rangeText(issue);
    default:
      // A custom check's message is capcheck's own sentence; anything else keeps zod's.
      return undefined;
  }
}

/** A value as a message shows it; a list or an object by its kind, not its text. */
function gotText(input: unknown): string {
  if (Array.isArray(input)) return input.length === 0 ? "an empty list" : "a list";
  return shown(input);
}

/** What a type or union issue expected: `text or a list`. */
function kindsOf(issue: ZodIssue): string {
  if (issue.code === "invalid_type") return KINDS[issue.expected] ?? issue.expected;
  if (issue.code !== "invalid_union") return "another value";
  const kinds = issue.errors.map((branch) => {
    const first = branch[0];
    const atTheValue = (first?.path ?? []).length === 0;
    return first?.code === "invalid_type" && atTheValue ? kindsOf(first) : undefined;
  });
  const named = [...new Set(kinds.filter((k) => k !== undefined))];
  return named.length === 0 ? "another value" : named.join(" or ");
}

/** A bound, and what was given against it: `expected at most 10 items, got 12`. */
function rangeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const word = small ? (inclusive ? "at least" : "above") : inclusive ? "at most" : "below";
  const input = issue.input;
  switch (issue.origin) {
    case "string":
      if (small && bound === 1) return "must not be empty";
      return `expected ${word} ${counted(bound, "character")}, got ${typeof input === "string" ? input.length : 0}`;
    case "array":
    case "set": {
      const length = Array.isArray(input) ? input.length : 0;
      return `expected ${word} ${counted(bound, "item")}, got ${length === 0 ? "an empty list" : length}`;
    }
    default:
      return `expected a number ${word} ${bound}, got ${gotText(input)}`;
  }
}
