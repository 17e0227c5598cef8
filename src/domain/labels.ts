// Product and unit names matched the way people write them (contract §12): case,
// punctuation, a parenthesised abbreviation and plurals do not matter, so
// "Liquified petroleum gas (LPG)", "Gas oil/diesel", "bbls", "bbl." and "m³" match.
import { closestName } from "./did-you-mean.js";

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
    return this.#byKey.get(labelKey(text));
  }

  /** The accepted name closest to an unknown one, for a did-you-mean hint. */
  closest(text: string): string | undefined {
    const names = Object.entries<readonly string[]>(this.names).flatMap(([id, list]) => [
      id,
      ...list,
    ]);
    return closestName(text, names, labelKey);
  }
}
