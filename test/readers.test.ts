import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_CONTEXT } from "../src/domain/validate.js";
import { detectDelimiter } from "../src/ingest/csv-header.js";
import { InputError, type RawRecord, readRecords } from "../src/ingest/index.js";
import { scanJson } from "../src/ingest/json-scan.js";
import { sniffFormat } from "../src/ingest/sniff.js";

/** The lines on which the elements of a JSON array start. */
const elementLines = (text: string) => scanJson(text, Infinity).records.map((r) => r.line);

/** The sniffed format of text that arrives in the given chunks. */
async function sniffed(...chunks: string[]): Promise<string> {
  const iterator = (async function* () {
    for (const chunk of chunks) yield Buffer.from(chunk);
  })();
  return (await sniffFormat(iterator, 1 << 20)).format;
}

const dir = mkdtempSync(join(tmpdir(), "capcheck-readers-"));

interface ReadRecord {
  line: number | null;
  index: number | undefined;
  /** The record validated, or the problem with it. */
  values: Record<string, unknown>;
}

async function read(name: string, content: string | Buffer, options = {}): Promise<ReadRecord[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const out: ReadRecord[] = [];
  const take = (raws: readonly RawRecord[]) => {
    for (const raw of raws) {
      const values = raw.validate(NO_CONTEXT);
      out.push({
        line: raw.line,
        index: raw.index,
        values: values as unknown as Record<string, unknown>,
      });
    }
  };
  let counted = 0;
  for await (const count of readRecords([{ name, path }], options, take)) counted += count;
  // What the reader says it took is what it handed over (the progress line counts so).
  expect(counted).toBe(out.length);
  return out;
}

async function failure(name: string, content: string | Buffer): Promise<InputError> {
  try {
    await read(name, content);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("CSV", () => {
  it("gives each record the line it starts on, past quoted newlines and blank lines", async () => {
    const records = await read(
      "lines.csv",
      'date,exporter,note,barrels\n2024-01-01,A,"two\nlines",1\n\n2024-01-02,B,x,1\n2024-01-03,"C ""quoted""",y,1\n',
    );
    expect(records.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(records[0]?.values).toMatchObject({ note: "two lines" });
    expect(records[2]?.values).toMatchObject({ exporter: 'C "quoted"' });
  });
  it("strips a BOM and reads CRLF and mixed line endings", async () => {
    const records = await read(
      "bom.csv",
      "\uFEFFdate,exporter,bbl\r\n2024-01-01,A,1\n2024-01-02,B,1\r\n",
    );
    expect(records.map((r) => [r.line, (r.values as { date: { day: string } }).date.day])).toEqual([
      [2, "2024-01-01"],
      [3, "2024-01-02"],
    ]);
  });
  it("detects the delimiter from the header line", async () => {
    expect(detectDelimiter("date;exporter;barrels")).toBe(";");
    expect(detectDelimiter("date\texporter")).toBe("\t");
    expect(detectDelimiter("date|exporter|x,y")).toBe("|");
    expect(detectDelimiter('"a,b";c;d')).toBe(";");
    // The comma stays inside its cell (1,500 alone would be ambiguous here: number-format.ts).
    const records = await read("semi.csv", "date;exporter;barrels\n2024-01-01;A;1,500.5\n");
    expect(records[0]?.values).toMatchObject({ barrels: { text: "1,500.5" } });
  });
  it("takes --delimiter over detection", async () => {
    // Detection would choose "," here (a tie); --delimiter says "|".
    const records = await read(
      "forced.txt",
      "a,b,c,d|date|exporter|barrels\nx,y,z,w|2024-01-01|A|5\n",
      {
        inputFormat: "csv",
        delimiter: "|",
      },
    );
    expect(records[0]?.values).toMatchObject({ barrels: { text: "5" } });
  });
  it("makes a row with too many or too few fields an invalid record", async () => {
    const records = await read(
      "width.csv",
      "date,exporter,barrels\n2024-01-01,A,1,extra\n2024-01-02\n",
    );
    expect(records.map((r) => [r.line, (r.values as { code: string }).code])).toEqual([
      [2, "field_count"],
      [3, "field_count"],
    ]);
  });
  it("refuses a header that names a field twice", async () => {
    const error = await failure("dup.csv", "date,exporter,Date\n2024-01-01,A,2024-01-02\n");
    expect(error.location).toBe("dup.csv:1");
    expect(error.message).toMatch(/columns 1 .* and 3 .* both give date/);
  });
  it("stops at a quote that is never closed, naming its line", async () => {
    const error = await failure("quote.csv", 'date,exporter\n2024-01-01,A\n2024-01-02,"B\n');
    expect(error.location).toBe("quote.csv:3");
    expect(error.message).toMatch(/never closed/);
  });
  it("reads a header alone as no records", async () => {
    expect(await read("header.csv", "date,exporter,barrels\n")).toEqual([]);
    expect(await read("empty.csv", "")).toEqual([]);
  });
});

describe("NDJSON", () => {
  it("allows blank lines and keeps line numbers", async () => {
    const records = await read("a.ndjson", '{"date":"2024-01-01"}\n\n  \n{"date":"2024-01-02"}');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });
  it("makes a line that is not a JSON object an invalid record", async () => {
    const records = await read(
      "b.jsonl",
      '{"date":"2024-01-01","exporter":"A","barrels":1}\n[1]\n{oops\n',
    );
    expect(records.map((r) => (r.values as { code?: string }).code)).toEqual([
      undefined,
      "not_an_object",
      "invalid_json",
    ]);
  });
});

describe("JSON", () => {
  it("reads an array, or one under records or shipments, with element lines", async () => {
    const array = await read("a.json", '[\n {"date":"2024-01-01"},\n\n {"date":"2024-01-02"}\n]');
    expect(array.map((r) => r.line)).toEqual([2, 4]);
    const wrapped = await read(
      "b.json",
      '{"meta": [1, 2],\n "Shipments": [\n  {"date": "x,[]"},\n  {"date": "y"}]}',
    );
    expect(wrapped.map((r) => r.line)).toEqual([3, 4]);
  });
  it("names records that share a line by their index too (a minified array)", async () => {
    const records = await read(
      "min.json",
      '[{"date":"a"},{"date":"b"},\n{"date":"c"},\n{"date":"d"},{"date":"e"}]',
    );
    expect(records.map((r) => [r.line, r.index])).toEqual([
      [1, 0],
      [1, 1],
      [2, undefined],
      [3, 3],
      [3, 4],
    ]);
  });
  it("finds element lines past strings with brackets and escapes", () => {
    expect(elementLines('[\n"a\\"[,",\n{"b": "]"}\n, 3]')).toEqual([2, 3, 4]);
    expect(elementLines("[]")).toEqual([]);
  });
  it("refuses a document that holds no records array", async () => {
    const error = await failure("c.json", '{"data": []}');
    expect(error.message).toMatch(/records or shipments/);
  });
  it("refuses invalid JSON with one clear line", async () => {
    const error = await failure("d.json", "[1,");
    expect(error.message).toMatch(/^not valid JSON/);
  });
});

describe("text", () => {
  it("sniffs the format from the first non-blank byte", async () => {
    expect(await sniffed("  \n", "[")).toBe("json");
    expect(await sniffed('{"a":1}')).toBe("ndjson");
    expect(await sniffed("date,exporter")).toBe("csv");
    expect(await sniffed("\r\n \t")).toBe("csv");
  });
  it("sniffs an object line as NDJSON only when it is whole and not a document", async () => {
    expect(await sniffed('{"a":', "1}\r{")).toBe("ndjson");
    expect(await sniffed('{"records": [{"a": 1}]}')).toBe("json");
    expect(await sniffed('{"a": 1, "Shipments": []}\n')).toBe("json");
    expect(await sniffed('{"records": 1}\n')).toBe("ndjson");
    expect(await sniffed("{\n")).toBe("json");
  });
  it("sniffs a pretty-printed JSON object as JSON, an object a line as NDJSON", async () => {
    const pretty = await read("p.data", '{\n "records": [{"date": "2024-01-01"}]\n}');
    expect(pretty).toHaveLength(1);
    const lines = await read("l.data", '{"date": "2024-01-01"}\n{"date": "2024-01-02"}\n');
    expect(lines).toHaveLength(2);
  });
  it("reads NDJSON in chunks four times CSV's (its records take more bytes)", async () => {
    const chunkSizes = async (name: string, line: string, header = "") => {
      const sizes: number[] = [];
      const content = header + line.repeat(Math.ceil((3 << 20) / line.length));
      await read(name, content, { onBytes: (n: number) => sizes.push(n) });
      return Math.max(...sizes);
    };
    const csv = "2024-01-02,China,diesel,10,t\n";
    const ndjson = '{"date":"2024-01-02","exporter":"China","product":"diesel","barrels":"1"}\n';
    expect(await chunkSizes("big.csv", csv, "date,exporter,product,quantity,unit\n")).toBe(1 << 16);
    expect(await chunkSizes("big.ndjson", ndjson)).toBe(1 << 18);
  });
  it("keeps a character cut by a 256 KiB NDJSON chunk whole, past a group of 256 records", async () => {
    // Over 1 MiB, so read in chunks; every emoji starts at 1 mod 4, so each chunk
    // boundary (a multiple of 4) falls inside one, its last byte in the next chunk.
    const name = "😀".repeat(450);
    const lines = Array.from(
      { length: 300 },
      (_, i) =>
        `{"date":"2024-01-01","exporter":"${name}","vessel":"${name}","barrels":${i % 10}}\n`,
    );
    const content = Buffer.from(lines.join(""));
    expect(content.length).toBeGreaterThan(4 << 18);
    for (let cut = 1 << 18; cut < content.length; cut += 1 << 18) {
      expect((content[cut] as number) & 0xc0).toBe(0x80);
    }
    const records = await read("cut.ndjson", content);
    expect(records.map((r) => r.line)).toEqual(lines.map((_, i) => i + 1));
    for (const [i, record] of records.entries()) {
      expect(record.values).toMatchObject({
        exporter: name,
        vessel: name,
        barrels: { text: `${i % 10}` },
      });
    }
  });
  it("refuses invalid UTF-8 and binary data", async () => {
    expect((await failure("bad.csv", Buffer.from([0x64, 0x61, 0xff, 0xfe, 0x0a]))).message).toMatch(
      /UTF-8/,
    );
    expect((await failure("bin.csv", Buffer.from([0x64, 0x00, 0x61, 0x0a]))).message).toMatch(
      /binary/,
    );
    expect(
      (await failure("zip.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).message,
    ).toMatch(/is a ZIP archive, not CSV or JSON text; save it as "CSV UTF-8/);
  });
});
