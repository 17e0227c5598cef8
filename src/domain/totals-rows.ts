// Totals rows (contract §11), kept apart from the field rules that refuse them (rules.ts).
import { FOOTNOTE_MARK, UN_FOOTNOTES } from "./footnotes.js";

/**
 * The names a table's sum row goes under (contract §11): such a record is refused,
 * as counting a report's own totals would double them. As tables print them, the
 * word may carry a footnote mark (`Total*`, `Total¹`), a remark in brackets
 * (`Total (all states)`), after a comma (`Total, all states`) or a year (`Total 2024`);
 * a subtotal or grand total may name what it sums (`Subtotal Asia`), and a state's
 * own line may end in the word (`China total`, `China (total)`, `Running total`).
 * A name that goes on in words after "Total" (`Total Trading`) is a supplier's,
 * unless they say what is summed (`Total for 2024`, `Total reported`). `World` is
 * the totals row of trade statistics (UN Comtrade); the words of Chinese, Korean and
 * Russian customs tables count too.
 */
const TOTALS_ROWS: readonly RegExp[] = [
  // The word alone, maybe with a footnote mark and a remark: `Total*`, `Total (all states)`.
  new RegExp(
    String.raw`^(?:sub[- ]?totals?|grand[- ]?totals?|totals?|sum|all|overall|world|\u03A3|\u2211)\s*${FOOTNOTE_MARK}*(?:\s*(?:\([^()]*\)|\[[^[\]]*\]|(?:19|20)\d\d|,[^,()]*))?\s*:?$`,
    "i",
  ),
  // A subtotal or grand total, whatever it names: `Subtotal Asia`.
  /^(?:sub|grand)[- ]?totals?\b/i,
  // A line that ends in the word: `China total`, `China (total)`, `Running total:`.
  new RegExp(String.raw`[\s,:\u2013-]\(?(?:sub[- ]?)?totals?\)?\s*${FOOTNOTE_MARK}*\s*:?$`, "i"),
  // "Total" and words that say what is summed: `Total for 2024`, `Total reported`.
  /^totals?:? (?:for|of|to|in|from|by|as of|all|reported|estimated|deliveries|shipments|supplied|exports|imports)\b/i,
  /^all (?:countries|states|member states|suppliers|exporters|sources|origins)$/i,
  // 合计, 合計, 总计, 總計, 小计, 小計, 합계, 소계, 총계, итого, всего (ASCII for the bundle).
  /^(?:\u5408\u8ba1|\u5408\u8a08|\u603b\u8ba1|\u7e3d\u8a08|\u5c0f\u8ba1|\u5c0f\u8a08|\ud569\uacc4|\uc18c\uacc4|\ucd1d\uacc4|\u0438\u0442\u043e\u0433\u043e|\u0432\u0441\u0435\u0433\u043e)\s*:?$/i,
];

/**
 * A word every form of TOTALS_ROWS holds, lower-cased (Σ as σ or, ending a word, ς).
 * Most names hold none, and so never run the forms: V8 compiles each on its first use,
 * some 1–2 ms of a short run's start-up. A form added above needs its word here.
 */
const TOTALS_WORDS = [
  "total",
  "sum",
  "all",
  "world",
  "\u03C3",
  "\u03C2",
  "\u2211",
  "\u5408\u8ba1",
  "\u5408\u8a08",
  "\u603b\u8ba1",
  "\u7e3d\u8a08",
  "\u5c0f\u8ba1",
  "\u5c0f\u8a08",
  "\ud569\uacc4",
  "\uc18c\uacc4",
  "\ucd1d\uacc4",
  "\u0438\u0442\u043e\u0433\u043e",
  "\u0432\u0441\u0435\u0433\u043e",
];

/** Whether `text` (trimmed, white space folded) is the name of a totals row. */
export function isTotalsRow(text: string): boolean {
  const lower = text.toLowerCase();
  if (!TOTALS_WORDS.some((word) => lower.includes(word))) return false;
  const bare = text.replace(UN_FOOTNOTES, "");
  return TOTALS_ROWS.some((form) => form.test(bare));
}
