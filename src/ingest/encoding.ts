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
 * The spreadsheet format (or web page) a file's first bytes show, or undefined. XLS is an OLE2
 * compound file; XLSX and ODS are ZIP archives, told apart by what is inside
 * (ODS stores its `mimetype` first, uncompressed, as the OpenDocument standard asks).
 */
export function spreadsheetFormat(head: Uint8Array): string | undefined {
  if (startsWith(head, OLE2)) return "an Excel 97-2003 workbook (XLS)";
  if (!startsWith(head, ZIP)) return markupFormat(head);
  const text = Buffer.from(head.subarray(0, 4096)).toString("latin1");
  if (text.includes("application/vnd.oasis.opendocument.spreadsheet")) {
    return "an OpenDocument spreadsheet (ODS)";
  }
  if (/\[Content_Types\]\.xml|xl\//.test(text)) return "an Excel workbook (XLSX)";
  return "a ZIP archive";
}

/**
 * A web page or an XML spreadsheet under a spreadsheet's name: statistics sites serve
 * HTML tables as `.xls`, and Excel 2003 saves "XML Spreadsheet" files. Read as CSV,
 * either would be a header naming no field or a malformed quote.
 */
function markupFormat(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.subarray(0, 4096))
    .toString("latin1")
    .replace(/^(\xEF\xBB\xBF)?\s*/, "");
  if (/^<(!doctype html|html|table)\b/i.test(text)) return "an HTML page (a web table)";
  if (!/^<\?xml\b/i.test(text)) return undefined;
  return /urn:schemas-microsoft-com:office:spreadsheet|progid="Excel\.Sheet"/i.test(text)
    ? "an Excel 2003 XML spreadsheet"
    : "an XML document";
}

/** The one-line refusal of a spreadsheet. */
export function spreadsheetRefusal(format: string): string {
  return `is ${format}, not CSV or JSON text; save it as "CSV UTF-8 (comma delimited)" and read that file`;
}

/**
 * Whether bytes with NULs look like UTF-16 text that lost its BOM: one byte of
 * nearly every pair is NUL, the other not. Still refused (its byte order is a
 * guess), but the message can say what the file most likely is.
 */
export function looksLikeUtf16(head: Uint8Array): boolean {
  const pairs = Math.min(head.length >> 1, 256);
  if (pairs < 2) return false;
  let low = 0;
  let high = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] !== 0 && head[i + 1] === 0) low++;
    else if (head[i] === 0 && head[i + 1] !== 0) high++;
  }
  return Math.max(low, high) >= pairs * 0.9;
}

/** Refusal of a UTF-16 text: the line it happened on and the way out. */
export class Utf16Error extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`${reason}; save the file as UTF-8`);
  }
}

/**
 * UTF-16 chunks as UTF-8 chunks, the BOM dropped; a character split across chunks
 * waits. An unpaired surrogate is refused, never replaced, with the line it is on.
 */
export async function* utf16ToUtf8(
  chunks: AsyncIterable<Uint8Array>,
  encoding: Utf16,
): AsyncGenerator<Buffer> {
  const name = encoding.toUpperCase();
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const unit =
    encoding === "utf-16le"
      ? (b: Buffer, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8)
      : (b: Buffer, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
  let pending = Buffer.alloc(0);
  let lines = 1;
  let bom = true;
  for await (const chunk of chunks) {
    let data = Buffer.concat([pending, chunk]);
    if (bom) {
      if (data.length < 2) {
        pending = data;
        continue;
      }
      data = data.subarray(2);
      bom = false;
    }
    let cut = data.length - (data.length % 2);
    // A high surrogate at the end waits for its low half in the next chunk.
    if (cut >= 2 && (unit(data, cut - 2) & 0xfc00) === 0xd800) cut -= 2;
    pending = data.subarray(cut);
    for (let i = 0; i < cut; i += 2) {
      const u = unit(data, i);
      if (u === 0x0a) lines++;
      else if ((u & 0xfc00) === 0xd800 && i + 2 < cut && (unit(data, i + 2) & 0xfc00) === 0xdc00)
        i += 2;
      else if ((u & 0xf800) === 0xd800)
        throw new Utf16Error(lines, `not valid ${name} text (an unpaired surrogate)`);
    }
    if (cut > 0) yield Buffer.from(decoder.decode(data.subarray(0, cut)), "utf8");
  }
  if (pending.length > 0 && !bom) {
    throw new Utf16Error(lines, `not valid ${name} text (it ends inside a character)`);
  }
}
