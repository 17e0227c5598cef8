// Product and unit names matched the way people write them (contract §12): case,
// punctuation, a parenthesised abbreviation and plurals do not matter, so
// "Liquified petroleum gas (LPG)", "Gas oil/diesel", "bbls", "bbl." and "m³" match.
import { closestName, didYouMean } from "./did-you-mean.js";

/** A word's plural `s` dropped: words of four letters or more, not ending in `ss`. */
function singular(word: string): string {
  return word.length >= 4 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** Words of ASCII letters and digits, one space apart: text the Unicode folding leaves as it is. */
export const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/**
 * The key a label is matched by: compatibility forms folded (`m³` is `m3`), accents
 * and case dropped, a parenthesised part dropped (`(LPG)`, `(s)`, `(bbl)`) unless it
 * is all there is, dots dropped, other punctuation read as a space, plurals singular.
 */
export function labelKey(text: string): string {
  // Plain words skip the folding, which would change nothing but their case (and
  // whose Unicode expressions cost start-up time to compile).
  if (PLAIN_WORDS.test(text)) return text.toLowerCase().split(" ").map(singular).join(" ");
  return foldedLabelKey(text);
}

/** labelKey for any text. */
export function foldedLabelKey(text: string): string {
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

/** The id of each name's key, every id a name of its own; a key given to two ids is refused. */
export function nameKeys<K extends string>(
  names: Readonly<Record<K, readonly string[]>>,
): Map<string, K> {
  const byKey = new Map<string, K>();
  for (const [id, list] of Object.entries(names) as [K, readonly string[]][]) {
    for (const name of [id, ...list]) {
      const key = labelKey(name);
      const earlier = byKey.get(key);
      if (earlier !== undefined && earlier !== id) {
        throw new Error(`name ${name} given for both ${earlier} and ${id}`);
      }
      byKey.set(key, id);
    }
  }
  return byKey;
}

/** Names of a few keys (products or units), each accepted in any of its spellings. */
export class NameTable<K extends string> {
  readonly #byKey: ReadonlyMap<string, K>;

  /**
   * `keys`, when given, are nameKeys(names) made beforehand (name-keys.ts);
   * `suggestible` says which names a did-you-mean may offer for an unknown key.
   */
  constructor(
    readonly names: Readonly<Record<K, readonly string[]>>,
    keys?: Iterable<readonly [string, K]>,
    private readonly suggestible: (wanted: string, name: string) => boolean = () => true,
  ) {
    this.#byKey = keys === undefined ? nameKeys(names) : new Map(keys);
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
    const wanted = labelKey(text);
    const names = Object.entries<readonly string[]>(this.names)
      .flatMap(([id, list]) => [id, ...list])
      .filter((name) => this.suggestible(wanted, labelKey(name)));
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
