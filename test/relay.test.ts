import { describe, expect, it } from "vitest";
import { UnreadableRecord } from "../src/ingest/raw-records.js";
import { Relay } from "../src/ingest/relay.js";
import type { RawRecord } from "../src/ingest/types.js";

const record = (line: number): RawRecord =>
  new UnreadableRecord("f.csv", line, { field: "record", code: "x", message: "x" });

describe("Relay", () => {
  it("passes records on in order, in groups of 256, not a chunk's worth at the end", () => {
    const seen: (number | null)[] = [];
    const relay = new Relay((raws) => seen.push(...raws.map((raw) => raw.line)));
    for (let line = 1; line <= 600; line++) relay.hold(record(line));
    // Two groups are taken as soon as they fill: few records are ever alive at once.
    expect(seen).toEqual(Array.from({ length: 512 }, (_, i) => i + 1));
    expect(relay.taken()).toBe(600);
    expect(seen).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(relay.taken()).toBe(0);
  });
});
