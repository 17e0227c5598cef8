import { describe, expect, it } from "vitest";
import {
  spreadsheetFormat,
  spreadsheetRefusal,
  utf16Bom,
  utf16ToUtf8,
} from "../src/ingest/encoding.js";

async function collect(chunks: AsyncIterable<Buffer>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk.toString("utf8");
  return text;
}

async function* of(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

describe("UTF-16", () => {
  const text = "date,exporter\n2024-01,Türkiye\n";
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const be = Buffer.from(le);
  be.swap16();

  it("a BOM says which byte order", () => {
    expect(utf16Bom(le)).toBe("utf-16le");
    expect(utf16Bom(be)).toBe("utf-16be");
    expect(utf16Bom(Buffer.from("date"))).toBeUndefined();
  });
  it("decodes to UTF-8 without the BOM, across chunk boundaries", async () => {
    expect(await collect(utf16ToUtf8(of(le), "utf-16le"))).toBe(text);
    expect(await collect(utf16ToUtf8(of(be.subarray(0, 7), be.subarray(7)), "utf-16be"))).toBe(
      text,
    );
  });
  it("refuses an unpaired surrogate rather than replace it, naming its line", async () => {
    const bad = Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]);
    await expect(collect(utf16ToUtf8(of(bad), "utf-16le"))).rejects.toThrow(/unpaired/);
    const lone = Buffer.concat([le, Buffer.from("x\n", "utf16le"), Buffer.from([0x00, 0xdc])]);
    await expect(collect(utf16ToUtf8(of(lone), "utf-16le"))).rejects.toMatchObject({ line: 4 });
    const odd = Buffer.concat([le, Buffer.from([0x41])]);
    await expect(collect(utf16ToUtf8(of(odd), "utf-16le"))).rejects.toThrow(/ends inside/);
  });
  it("keeps a surrogate pair split across chunks, and a U+FEFF after the first", async () => {
    const pair = Buffer.concat([le, Buffer.from("🛢\uFEFF", "utf16le")]);
    for (let cut = 1; cut < pair.length; cut++) {
      const text16 = await collect(
        utf16ToUtf8(of(pair.subarray(0, cut), pair.subarray(cut)), "utf-16le"),
      );
      expect(text16).toBe(`${text}🛢\uFEFF`);
    }
  });
});

describe("spreadsheets", () => {
  const zip = (inside: string) =>
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(inside)]);

  it("are told apart by their first bytes", () => {
    expect(spreadsheetFormat(zip("[Content_Types].xml"))).toMatch(/XLSX/);
    expect(
      spreadsheetFormat(zip("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")),
    ).toMatch(/ODS/);
    expect(
      spreadsheetFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toMatch(/XLS\)/);
    expect(spreadsheetFormat(zip("data.csv"))).toBe("a ZIP archive");
    expect(spreadsheetFormat(Buffer.from("date,exporter\n"))).toBeUndefined();
  });
  it("tell an HTML table or an XML spreadsheet saved as .xls from CSV text", () => {
    expect(spreadsheetFormat(Buffer.from("\uFEFF\n<!DOCTYPE html>\n<html>"))).toBe(
      "an HTML page (a web table)",
    );
    expect(spreadsheetFormat(Buffer.from("<table border=1><tr><td>date</td>"))).toMatch(/HTML/);
    expect(
      spreadsheetFormat(
        Buffer.from(
          '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        ),
      ),
    ).toBe("an Excel 2003 XML spreadsheet");
    expect(spreadsheetFormat(Buffer.from('<?xml version="1.0"?><rows/>'))).toBe("an XML document");
    expect(spreadsheetFormat(Buffer.from("<date>,exporter\n"))).toBeUndefined();
  });
  it("are refused with the way out", () => {
    expect(spreadsheetRefusal("an Excel workbook (XLSX)")).toMatch(/save it as "CSV UTF-8/);
  });
});
