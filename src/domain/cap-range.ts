// The caps capcheck takes, stated once for --cap, the library's cap and a --caps
// file: to the nano-barrel, at least 0.001 barrels (reports print barrels to 3 decimals, so a smaller
// cap could not be told from zero, contract §11), and at most 10^15 barrels (a
// thousand times the world's yearly oil output; past that, totals and shares stop
// meaning anything and printing them overflows).
import { NANO, type Ratio } from "./decimal.js";

export const MAX_CAP_BARRELS = 10n ** 15n;

/** How messages write the range of caps taken. */
export const CAP_RANGE_TEXT = "from 0.001 to 10^15, with at most 9 decimals";

/** Caps are held in whole nano-barrels, so a finer cap is refused rather than rounded. */
export function isCapInRange(cap: Ratio): boolean {
  return (
    cap.den > 0n &&
    cap.num * 1000n >= cap.den &&
    cap.num <= MAX_CAP_BARRELS * cap.den &&
    (cap.num * NANO) % cap.den === 0n
  );
}
