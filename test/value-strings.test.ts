// The reader's table of value strings (src/ingest/value-strings.ts) starts small and
// doubles as texts come, then starts afresh: every lookup must still give the text
// of its bytes, and a column's values kept by slot must follow the texts as they move.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlotValues, ValueStrings } from "../src/ingest/value-strings.js";

/** Looks each text up as the readers do, from its bytes, with its value by the rule. */
function lookUpAll(texts: readonly string[]) {
  const strings = new ValueStrings();
  let calls = 0;
  const values = new SlotValues((text) => {
    calls++;
    return `value of ${String(text)}`;
  });
  const found = texts.map((text) => {
    const bytes = Buffer.from(`"${text}"`);
    const string = strings.of(bytes, 1, bytes.length - 1);
    return { string, value: values.of(strings, string) };
  });
  return { found, calls, strings };
}

describe("value strings", () => {
  it("give each text and its value as the table grows and starts afresh", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 30_000 }),
        fc.nat(1000),
        (distinct, count, seed) => {
          // Short and long (over 32 bytes: never kept) texts, and multi-byte ones.
          const textOf = (k: number) =>
            k % 101 === 0
              ? `a text longer than thirty-two bytes ${k}`
              : k % 7 === 0
                ? `Zürich ${k}`
                : `E${k}`;
          const texts = Array.from({ length: count }, (_, i) =>
            textOf((i * 7919 + seed) % distinct),
          );
          const { found } = lookUpAll(texts);
          for (const [i, text] of texts.entries()) {
            expect(found[i]?.string).toBe(text);
            expect(found[i]?.value).toBe(`value of ${text}`);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("starts with a small table, doubles it to 16,384 slots, then starts afresh", () => {
    const texts = Array.from({ length: 9000 }, (_, k) => `T${k}`);
    const { strings } = lookUpAll(texts);
    // Grown four times (1,024 slots to 16,384), then afresh once 8,192 were kept.
    expect(strings.slots).toBe(1 << 14);
    expect(strings.resets).toBe(5);
    const small = lookUpAll(["a", "b", "a"]);
    expect(small.strings.slots).toBe(1 << 10);
    // A value is worked out once for each distinct text while the table holds it.
    expect(small.calls).toBe(2);
  });
});
