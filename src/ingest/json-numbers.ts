// JSON numbers read from their source text (contract §11): before JSON.parse builds
// a document, each number token is rewritten as a JSON string holding its text, so
// that `100000000000.000000001` reaches the quantity rules as written, never through
// a binary float, and the ledger's "quantity as given" is that text. Text that is not
// valid JSON stays not valid JSON: only whole number tokens are quoted.

import { readDecimal } from "../domain/decimal.js";

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

/**
 * JSON.parse for the small files of options (a config, --caps, --factors): a number
 * whose binary float is not the value written (`7.5000000000000000001`, `1e-401`,
 * `1e400`) is handed on as its text, so that it is read exactly as written or
 * refused quoting it, never rounded in silence; any other number stays a number.
 */
export function parseExactNumbers(text: string): unknown {
  type Node = Record<string, unknown>;
  // Each value is looked at in its holder, the document in one of its own, and by a
  // stack, not recursion: JSON.parse takes nesting deeper than the call stack.
  const root: Node = { value: JSON.parse(text) };
  const stack: [Node, Node][] = [[root, { value: JSON.parse(numbersAsText(text)) }]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [values, texts] = pair;
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (typeof value === "number") values[key] = exactly(value, texts[key]);
      else if (typeof value === "object" && value !== null) {
        stack.push([value as Node, texts[key] as Node]);
      }
    }
  }
  return root.value;
}

/** The number, when its shortest decimal form has the value of its text; else the text. */
function exactly(value: number, text: unknown): unknown {
  if (typeof text !== "string" || String(value) === text) return value;
  const read = readDecimal(text.replace(/^-/, ""));
  const float = Number.isFinite(value) ? readDecimal(String(Math.abs(value))) : undefined;
  if (typeof read !== "object" || typeof float !== "object") return text;
  // A minus sign on zero changes nothing (decimal.ts); on another value, the float keeps it.
  const negative = text.startsWith("-") && read.num !== 0n;
  const sameSign = negative ? value < 0 : value >= 0;
  return read.num * float.den === float.num * read.den && sameSign ? value : text;
}
