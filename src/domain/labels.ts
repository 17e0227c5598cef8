// Product and unit names matched the way people write them (contract §12): case,
// punctuation, a parenthesised abbreviation and plurals do not matter, so
// "Liquified petroleum gas (LPG)", "Gas oil/diesel", "bbls", "bbl." and "m³" match.
import { closestName, didYouMean } from "./did-you-mean.js";

/** A word's plural `s` dropped: words of four letters or more, not ending in `ss`. */
function singular(word: string): string {
  return word.length >= 4 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/**
 * The key a label is matched by: compatibility forms folded (`m³` is `m3`), accents
 * and case dropped, a parenthesised part dropped (`(LPG)`, `(s)`, `(bbl)`) unless it
 * is all there is, dots dropped, other punctuation read as a space, plurals singular.
 */
export function labelKey(text: string): string {
  let folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const outside = folded.replace(/\([^()]*\)/g, " ");
  if (/[\p{L}\p{N}]/u.test(outside)) folded = outside;
  return folded
    .replace(/\./g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .map(singular)
    .join(" ");
}

/** The parts of a label in brackets, `(LPG)` in "Liquified petroleum gas (LPG)". */
function bracketed(text: string): string[] {
  return [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] as string);
}

/** A bracketed plural ending, as in "tonne(s)". */
const PLURAL_ENDING = /^\s*e?s\s*$/i;

/** Names of a few keys (products or units), each accepted in any of its spellings. */
export class NameTable<K extends string> {
  readonly #byKey = new Map<string, K>();

  constructor(readonly names: Readonly<Record<K, readonly string[]>>) {
    for (const [id, list] of Object.entries(names) as [K, readonly string[]][]) {
      for (const name of [id, ...list]) {
        const key = labelKey(name);
        const earlier = this.#byKey.get(key);
        if (earlier !== undefined && earlier !== id) {
          throw new Error(`name ${name} given for both ${earlier} and ${id}`);
        }
        this.#byKey.set(key, id);
      }
    }
  }

  lookup(text: string): K | undefined {
    const id = this.#byKey.get(labelKey(text));
    if (id === undefined) return undefined;
    return this.#bracketsAgree(text, id) === undefined ? id : undefined;
  }

  /**
   * The first bracketed part that is neither a plural ending nor another name of `id`.
   * Only an abbreviation is dropped: "Diesel (LPG)", "bbl (t)" or "gal (UK)" read as
   * the part outside would be a silent guess.
   */
  #bracketsAgree(text: string, id: K): string | undefined {
    return bracketed(text).find(
      (inner) => !PLURAL_ENDING.test(inner) && this.#byKey.get(labelKey(inner)) !== id,
    );
  }

  /** The accepted name closest to an unknown one, for a did-you-mean hint. */
  closest(text: string): string | undefined {
    const names = Object.entries<readonly string[]>(this.names).flatMap(([id, list]) => [
      id,
      ...list,
    ]);
    return closestName(text, names, labelKey);
  }

  /** The clause a message about an unknown name ends with: why, or the closest name. */
  hint(text: string): string {
    const id = this.#byKey.get(labelKey(text));
    const inner = id === undefined ? undefined : this.#bracketsAgree(text, id);
    if (id !== undefined && inner !== undefined) {
      return `; "(${inner})" in brackets is not another name of ${id}: write ${JSON.stringify(id)} alone, or a name that says which`;
    }
    return didYouMean(this.closest(text));
  }
}
