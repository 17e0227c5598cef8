// Mutated bytes of valid CSV and NDJSON: whatever the damage, a run either
// refuses the file with an InputError (one clear line) or counts every record it
// read as valid or invalid. Anything else is an internal error.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, InputError } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-fuzz-"));

const VALID_CSV = [
  "date,exporter,product,quantity,unit,vessel",
  "2024-01-01,Russia,diesel,100,t,Sea Star",
  '2024-02-01,"China, PRC",gasoline,"1,500",bbl,"Ship ""A"""',
  "2024-03-01,Russia,crude_oil,20,t,",
  "",
].join("\n");

const VALID_NDJSON = [
  '{"date":"2024-01-01","exporter":"Russia","product":"diesel","quantity":100,"unit":"t"}',
  '{"date":"2024-02-01","exporter":"China","barrels":"1,500","note":"a:b"}',
  "",
  '{"date":"2024-03-01","exporter":"Russia","product":"crude_oil","quantity":20,"unit":"t"}',
  "",
].join("\n");

/** Bytes that matter to a reader: line endings, quotes, brackets, NUL, a BOM, bad UTF-8. */
const NASTY = [
  0x0a, 0x0d, 0x22, 0x2c, 0x3b, 0x09, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x5c, 0x00, 0xff, 0xef, 0xbb,
  0xbf, 0xc3, 0xa9, 0xe2, 0x80, 0x8b,
];

const byte = fc.oneof(fc.constantFrom(...NASTY), fc.integer({ min: 0, max: 255 }));

type Mutation = { at: number; kind: "insert" | "delete" | "replace"; byte: number };
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("insert", "delete", "replace") as fc.Arbitrary<Mutation["kind"]>,
  byte,
});

function mutate(text: string, mutations: Mutation[]): Buffer {
  const bytes = [...Buffer.from(text)];
  for (const { at, kind, byte } of mutations) {
    const i = at % (bytes.length + 1);
    if (kind === "insert") bytes.splice(i, 0, byte);
    else if (kind === "delete") bytes.splice(i, 1);
    else bytes[i] = byte;
  }
  return Buffer.from(bytes);
}

let runs = 0;

async function expectCounted(content: Buffer, name: string): Promise<void> {
  const path = join(dir, `${runs++}-${name}`);
  writeFileSync(path, content);
  try {
    const report = await check([path], { skipInvalid: true, allowEmpty: true });
    expect(report.records.read).toBe(report.records.valid + report.records.invalid);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message).not.toMatch(/\n/);
  }
}

describe("mutated input", () => {
  it.each([
    ["CSV", VALID_CSV, "f.csv"],
    ["NDJSON", VALID_NDJSON, "f.ndjson"],
    ["sniffed CSV", VALID_CSV, "f.data"],
    ["sniffed NDJSON", VALID_NDJSON, "f.data"],
  ])("%s is refused whole or counted record by record", async (_label, valid, name) => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), async (mutations) => {
        await expectCounted(mutate(valid, mutations), name);
      }),
      { numRuns: 150 },
    );
  });
});
