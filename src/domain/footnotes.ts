// Footnote marks as report tables print them after a name or a header (`China¹`,
// `Total*`, `Date†`, UN documents' `China a/`), said once for the readers of names
// (state-names.ts, totals-rows.ts) and of headers (ingest/header-units.ts).

/**
 * Superscript digits and daggers, as the body of a regular-expression character
 * class (escaped, to keep the bundle ASCII): the signs a footnote is called by.
 * No asterisk: a name's folding (state-names.ts) reads one as punctuation.
 */
export const FOOTNOTE_SIGNS = "\\u00B9\\u00B2\\u00B3\\u2070\\u2074-\\u2079\\u2020\\u2021";

/** A footnote mark: an asterisk or a FOOTNOTE_SIGN, as a character class. */
export const FOOTNOTE_MARK = `[*${FOOTNOTE_SIGNS}]`;

/** UN documents mark a footnote with a letter and a slash (`Total a/`): one, as a pattern. */
export const UN_FOOTNOTE = String.raw`\s+[a-z]\/`;

/** UN footnotes at the end of a name: `Total a/`, `China a/ b/`. */
export const UN_FOOTNOTES = new RegExp(`(?:${UN_FOOTNOTE})+$`, "i");
