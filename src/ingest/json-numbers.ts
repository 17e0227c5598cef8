// JSON numbers read from their source text (contract §11): before JSON.parse builds
// a document, each number token is rewritten as a JSON string holding its text, so
// that `100000000000.000000001` reaches the quantity rules as written, never through
// a binary float, and the ledger's "quantity as given" is that text. Text that is not
// valid JSON stays not valid JSON: only whole number tokens are quoted.

/** A JSON string (skipped as it is), or a number token (quoted). */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Quick test: no digit at all means no number to quote. */
const DIGIT = /\d/;

export function numbersAsText(text: string): string {
  if (!DIGIT.test(text)) return text;
  return text.replace(TOKEN, (token) => (token.charCodeAt(0) === 34 ? token : `"${token}"`));
}

/**
 * JSON.parse with numbers as their text. On bad syntax it throws JSON.parse's own
 * error for the text as written, so messages quote what the user wrote.
 */
export function parseNumbersAsText(text: string): unknown {
  try {
    return JSON.parse(numbersAsText(text));
  } catch (error) {
    JSON.parse(text);
    throw error;
  }
}
