// Text from the data made safe for a terminal, in one place: which characters a
// terminal acts on or hides, and the three ways capcheck neutralises them.

/**
 * Characters beyond the C0 controls that a terminal acts on or that reorder what a
 * reader sees: DEL, the C1 controls, and the bidirectional marks and overrides.
 */
const INVISIBLE_RANGES = "\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";

/** Every character shown as `?` in printed text: the C0 controls and the invisible ones. */
const CONTROLS = new RegExp(`[\\u0000-\\u001f${INVISIBLE_RANGES}]`, "g");

// JSON.stringify already escapes the C0 controls, and its own layout newlines must stay.
const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES}]`, "g");

// Escape sequences are removed whole (so their parameters go too) before the
// remaining controls are replaced.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]/g;

/** Data text with escape sequences removed and control characters shown as `?`. */
export function safeText(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "?");
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on
 * (C1 controls, bidirectional overrides) escaped as \uXXXX: still the same JSON.
 */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** JSON-quoted and shortened, so a hostile value can neither flood nor drive a terminal. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return escapeInvisible(JSON.stringify(short));
}
