// The caps capcheck takes, stated once for --cap, the library's cap and a --caps
// file: above zero, and at most 10^15 barrels (a thousand times the world's yearly
// oil output; past that, totals and shares stop meaning anything and printing
// them overflows).
import type { Ratio } from "./decimal.js";

export const MAX_CAP_BARRELS = 10n ** 15n;

/** How messages write the largest cap. */
export const MAX_CAP_TEXT = "10^15";

export function isCapInRange(cap: Ratio): boolean {
  return cap.num > 0n && cap.den > 0n && cap.num <= MAX_CAP_BARRELS * cap.den;
}
