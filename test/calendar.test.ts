// Day ordinals (src/domain/calendar.ts): a day and its ordinal, both ways, over the
// whole calendar; the dense day sums and a worker's days are read back through them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayOfOrdinal,
  dayOrdinal,
  FIRST_YEAR,
  formatDay,
  LAST_YEAR,
  ordinalOfDay,
} from "../src/domain/calendar.js";

describe("day ordinals", () => {
  it("give back the day they were made from, every time", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(FIRST_YEAR, 0, 1)),
          max: new Date(Date.UTC(LAST_YEAR, 11, 31)),
          noInvalidDate: true,
        }),
        (date) => {
          const day = formatDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
          const ordinal = ordinalOfDay(day);
          expect(dayOfOrdinal(ordinal)).toBe(day);
          expect(dayOfOrdinal(ordinal)).toBe(day);
          expect(dayOrdinal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(
            ordinal,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("count 1970-01-01 as day 0 and days before it below", () => {
    expect(dayOfOrdinal(0)).toBe("1970-01-01");
    expect(dayOfOrdinal(-1)).toBe("1969-12-31");
    expect(dayOfOrdinal(ordinalOfDay("2024-02-29"))).toBe("2024-02-29");
  });
});
