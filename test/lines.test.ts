import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineSplitter, type OnLine, withLfEndings } from "../src/ingest/lines.js";

async function* chunksOf(parts: readonly string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

function lines(parts: readonly string[], max = 1 << 20): [number, string | null][] {
  const out: [number, string | null][] = [];
  const onLine: OnLine = (number, bytes, start, end) => {
    out.push([number, bytes?.toString("utf8", start, end) ?? null]);
  };
  const splitter = new LineSplitter(max);
  for (const part of parts) splitter.push(Buffer.from(part), onLine);
  splitter.end(onLine);
  return out;
}

async function lfText(parts: readonly string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of withLfEndings(chunksOf(parts))) out.push(chunk);
  return Buffer.concat(out).toString();
}

/** Splits `text` at the given cut points, for chunk boundaries anywhere. */
function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = 0;
  for (const point of sorted) {
    parts.push(text.slice(start, point));
    start = point;
  }
  parts.push(text.slice(start));
  return parts;
}

describe("line endings", () => {
  it("ends a line at LF, CRLF and a lone CR alike", async () => {
    expect(lines(["a\nb\r\nc\rd"])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "d"],
    ]);
    expect(lines(["a\r\r\nb\n\n"])).toEqual([
      [1, "a"],
      [2, ""],
      [3, "b"],
      [4, ""],
    ]);
    expect(lines([""])).toEqual([]);
  });
  it("keeps a CRLF split between chunks as one ending", async () => {
    expect(lines(["a\r", "\nb\r", "", "\n"])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(await lfText(["a\r", "\nb\r", "c\r", "\n"])).toBe("a\nb\nc\n");
  });
  it("gives the same lines however the bytes are cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom("a", "é", "\r", "\n", " ") }),
        fc.array(fc.nat()),
        async (text, points) => {
          const whole = lines([text]);
          const expected = text === "" ? [] : text.split(/\r\n|\r|\n/);
          if (/(\r\n|\r|\n)$/.test(text)) expected.pop();
          expect(whole.map(([, l]) => l)).toEqual(expected);
          expect(lines(cut(text, points))).toEqual(whole);
          expect(await lfText(cut(text, points))).toBe(text.replace(/\r\n?/g, "\n"));
        },
      ),
    );
  });
  it("drops a line past the limit without holding it, and counts it", async () => {
    expect(lines(["ab", "cd\nxy\nabcde"], 4)).toEqual([
      [1, "abcd"],
      [2, "xy"],
      [3, null],
    ]);
    expect(lines(["abc", "de", "f\rz"], 4)).toEqual([
      [1, null],
      [2, "z"],
    ]);
  });
});
