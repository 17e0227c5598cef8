// Texts that recur (names, products, units, rules, quantities) written once and
// referred to by number: the ledger's entries carry numbers, not strings. Bounded,
// so that memory stays flat however many distinct texts come (contract §15): once
// full, a text not in it is carried by the entry itself.

/** The number of empty text, in every table. */
export const EMPTY_TEXT = 0;

export class TextTable {
  readonly texts: string[] = [""];
  private readonly ids = new Map<string, number>([["", 0]]);
  private chars = 0;

  constructor(
    private readonly maxTexts = 1 << 16,
    private readonly maxChars = 1 << 22,
  ) {}

  /** The text's number, or -1 when the table is full and does not hold it. */
  id(text: string): number {
    // Empty text (the many fields a record leaves out) is always number 0.
    if (text === "") return EMPTY_TEXT;
    const id = this.ids.get(text);
    if (id !== undefined) return id;
    if (this.texts.length >= this.maxTexts || this.chars + text.length > this.maxChars) return -1;
    this.chars += text.length;
    this.ids.set(text, this.texts.length);
    return this.texts.push(text) - 1;
  }
}
