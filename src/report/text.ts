// Data text made safe to print in any format.

// Escape sequences first (so their parameters go too), then any other control
// character, and the bidirectional overrides that can reorder what a reader sees.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Data text with escape sequences removed and control characters shown as `?`. */
export function safeText(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "?");
}
