// `--fail-on` (contract §11): a list of conditions, any one of which makes the exit
// status 1. The verdict's conditions, and those about records the run did not count.
import { UsageError } from "../errors.js";
import { atLeast, type Status, type Verdict } from "./report.js";

export const FAIL_ON_CONDITIONS = [
  "exceeded",
  "notice",
  "invalid",
  "uncapped",
  "straddle",
  "worse",
  "never",
] as const;
export type FailOnCondition = Exclude<(typeof FAIL_ON_CONDITIONS)[number], "never">;

export const DEFAULT_FAIL_ON: readonly FailOnCondition[] = ["exceeded"];

/** The conditions of a `--fail-on` list; `never` alone is the empty list. */
export function parseFailOn(values: readonly string[], name = "--fail-on"): FailOnCondition[] {
  const parts = values.flatMap((v) => v.split(",")).map((v) => v.trim().toLowerCase());
  const listed = parts.filter((p) => p !== "");
  if (listed.length === 0) return [...DEFAULT_FAIL_ON];
  const unknown = listed.filter((p) => !(FAIL_ON_CONDITIONS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UsageError(
      `${name} takes a comma list of ${FAIL_ON_CONDITIONS.join(", ")}; got ${unknown.map((u) => JSON.stringify(u)).join(", ")}`,
    );
  }
  if (listed.includes("never")) {
    if (listed.length > 1) throw new UsageError(`${name} never stands alone`);
    return [];
  }
  return [...new Set(listed)] as FailOnCondition[];
}

/** What a finished run says about the conditions (counts from the whole run, not the issue list). */
export interface RunFacts {
  readonly verdict: Verdict;
  readonly invalid: number;
  readonly uncapped: number;
  readonly straddles: number;
  /** Tallies whose status got worse than in the `--baseline` report (contract §14). */
  readonly worse?: number;
}

/** The listed conditions that hold for a run, in the list's order. */
export function failingConditions(
  facts: RunFacts,
  conditions: readonly FailOnCondition[],
): FailOnCondition[] {
  const verdictAtLeast = (status: Status) =>
    facts.verdict !== "invalid" && atLeast(facts.verdict, status);
  const holds = (condition: FailOnCondition): boolean => {
    switch (condition) {
      case "exceeded":
        return verdictAtLeast("exceeded");
      case "notice":
        return verdictAtLeast("notice");
      case "invalid":
        return facts.invalid > 0;
      case "uncapped":
        return facts.uncapped > 0;
      case "straddle":
        return facts.straddles > 0;
      case "worse":
        return (facts.worse ?? 0) > 0;
    }
  };
  return conditions.filter(holds);
}
