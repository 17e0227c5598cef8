// Exporter names folded to the UN short name (contract §12), so that `Russia` and
// `Russian Federation` are one supplier. Only names in the bundled table fold; any
// other name (an entity, a company, an ambiguous "Korea") stays as written.
import { withoutHidden } from "./sanitize.js";
import { UN_MEMBER_STATES } from "./un-member-states.js";

/**
 * The key a state name is looked up by: characters that show nothing, accents,
 * case, dots and apostrophes dropped, other punctuation read as a space, `&` as
 * "and", a leading "the" dropped.
 */
export function stateKey(name: string): string {
  return withoutHidden(name)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'\u2018\u2019\u02bc`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

const unNameByKey = new Map<string, string>();
for (const [unName, ...variants] of UN_MEMBER_STATES) {
  for (const name of [unName, ...variants]) {
    const key = stateKey(name);
    const earlier = unNameByKey.get(key);
    if (earlier !== undefined && earlier !== unName) {
      throw new Error(`state name ${name} given for both ${earlier} and ${unName}`);
    }
    unNameByKey.set(key, unName);
  }
}

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
