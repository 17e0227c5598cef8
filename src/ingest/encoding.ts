// What the first bytes of an input say about it (contract §12): a UTF-16 text with
// a byte-order mark (Excel's "Unicode text") is decoded; a spreadsheet workbook is
// refused with a line that says what it is and what to do instead.

export type Utf16 = "utf-16le" | "utf-16be";

/** The UTF-16 byte order a BOM announces, or undefined. */
export function utf16Bom(head: Uint8Array): Utf16 | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

/**
 * The spreadsheet format a file's first bytes show, or undefined. XLS is an OLE2
 * compound file; XLSX and ODS are ZIP archives, told apart by what is inside
 * (ODS stores its `mimetype` first, uncompressed, as the OpenDocument standard asks).
 */
export function spreadsheetFormat(head: Uint8Array): string | undefined {
  if (startsWith(head, OLE2)) return "an Excel 97-2003 workbook (XLS)";
  if (!startsWith(head, ZIP)) return undefined;
  const text = Buffer.from(head.subarray(0, 4096)).toString("latin1");
  if (text.includes("application/vnd.oasis.opendocument.spreadsheet")) {
    return "an OpenDocument spreadsheet (ODS)";
  }
  if (/\[Content_Types\]\.xml|xl\//.test(text)) return "an Excel workbook (XLSX)";
  return "a ZIP archive";
}

/** The one-line refusal of a spreadsheet. */
export function spreadsheetRefusal(format: string): string {
  return `is ${format}, not CSV or JSON text; save it as "CSV UTF-8 (comma delimited)" and read that file`;
}

/** UTF-16 chunks as UTF-8 chunks, the BOM dropped; a character split across chunks waits. */
export async function* utf16ToUtf8(
  chunks: AsyncIterable<Uint8Array>,
  encoding: Utf16,
): AsyncGenerator<Buffer> {
  // fatal: an unpaired surrogate is refused like invalid UTF-8, never replaced.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield Buffer.from(text, "utf8");
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield Buffer.from(rest, "utf8");
}
