// Exporter names folded to the UN short name (contract §12), so that `Russia` and
// `Russian Federation` are one supplier. Only names in the bundled table fold; any
// other name (an entity, a company, an ambiguous "Korea") stays as written.
import { FOOTNOTE_SIGNS, UN_FOOTNOTES } from "./footnotes.js";
import { PLAIN_WORDS } from "./labels.js";
import { STATE_KEYS } from "./name-keys.js";
import { withoutHidden } from "./sanitize.js";

/**
 * The key a state name is looked up by: characters that show nothing, accents,
 * case, dots, apostrophes and footnote marks (`China¹`, `Russia*`, `Chad†`, UN documents'
 * `China a/`, `China (a)`, `China [1]`) dropped,
 * other punctuation read as a space, `&` as "and", a leading "the" dropped and a
 * trailing one too (UNTERM writes `Russian Federation (the)`).
 */
export function stateKey(name: string): string {
  // Plain words skip the folding, which would change nothing but their case.
  if (PLAIN_WORDS.test(name)) return name.toLowerCase().replace(/^the /, "");
  return foldedStateKey(name);
}

/** stateKey for any name. */
export function foldedStateKey(name: string): string {
  return withoutHidden(name)
    .replace(UN_FOOTNOTES, "")
    .replace(BRACKETED_FOOTNOTE, "")
    .replace(FOOTNOTE_MARKS, "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'\u2018\u2019\u02bc`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "")
    .replace(/ the$/, "");
}

/** A footnote letter or number in brackets at the end: `China (a)`, `Russia [1]`. */
const BRACKETED_FOOTNOTE = /\s*(?:\((?:[a-z]|\d{1,2})\)|\[(?:[a-z]|\d{1,2})\])$/i;
/** Superscript digits (which NFKD would make digits of the name) and daggers. */
const FOOTNOTE_MARKS = new RegExp(`[${FOOTNOTE_SIGNS}]`, "g");

/** The UN short name of each name's key; a key given to two states is refused. */
export function stateKeys(
  states: readonly (readonly [string, ...string[]])[],
): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const [unName, ...variants] of states) {
    for (const name of [unName, ...variants]) {
      const key = stateKey(name);
      const earlier = byKey.get(key);
      if (earlier !== undefined && earlier !== unName) {
        throw new Error(`state name ${name} given for both ${earlier} and ${unName}`);
      }
      byKey.set(key, unName);
    }
  }
  return byKey;
}

/** stateKeys(UN_MEMBER_STATES), made beforehand (name-keys.ts). */
const unNameByKey: ReadonlyMap<string, string> = new Map(STATE_KEYS);

/** The UN short name of a state name or variant, or undefined for a name not in the table. */
export function unShortName(name: string): string | undefined {
  return unNameByKey.get(stateKey(name));
}

/** One folding, for the run's notes: the spelling first seen and the UN short name. */
export interface StateFolding {
  readonly written: string;
  readonly unName: string;
}

/**
 * Folds exporter names over a run, remembering each folding that renamed a state
 * (not one that changed only case, accents or punctuation) once, in the order met.
 */
export class StateNameFolder {
  readonly #seen = new Map<string, string>();
  readonly #foldings: StateFolding[] = [];

  fold(name: string): string {
    let unName = this.#seen.get(name);
    if (unName === undefined) {
      unName = unShortName(name) ?? name;
      this.#seen.set(name, unName);
      if (this.#seen.size > 100_000) this.#seen.clear();
      if (stateKey(name) !== stateKey(unName) && !this.#noted(name, unName)) {
        this.#foldings.push({ written: name, unName });
      }
    }
    return unName;
  }

  #noted(name: string, unName: string): boolean {
    const key = stateKey(name);
    return this.#foldings.some((f) => f.unName === unName && stateKey(f.written) === key);
  }

  /** The foldings that renamed a state, each once. */
  get foldings(): readonly StateFolding[] {
    return this.#foldings;
  }
}
