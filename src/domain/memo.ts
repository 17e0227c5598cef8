// A bounded memo for string inputs that repeat (dates, product and unit names,
// header keys). Only short values are remembered: a file of long unique values
// (10,000 product names of 100 KB) must not fill memory with them.

/** The longest value remembered; any real date, product, unit or key is far shorter. */
export const MEMO_MAX_LENGTH = 64;

/** The most values remembered; past this the memo starts afresh. */
export const MEMO_MAX_ENTRIES = 10_000;

/** `fn`, remembering its result for short strings: at most 10,000 × 64 characters held. */
export function memoShort<R>(fn: (value: string) => R): (value: string) => R {
  const cache = new Map<string, R>();
  return (value) => {
    if (value.length > MEMO_MAX_LENGTH) return fn(value);
    let result = cache.get(value);
    if (result === undefined && !cache.has(value)) {
      if (cache.size >= MEMO_MAX_ENTRIES) cache.clear();
      result = fn(value);
      cache.set(value, result);
    }
    return result as R;
  };
}
