// JSON, schema version 1: the Report object itself, keys in a stable order.
import type { Report } from "../domain/report.js";
import { escapeInvisible } from "../domain/sanitize.js";

export function renderJson(report: Report): string {
  return `${escapeInvisible(JSON.stringify(report, null, 2))}\n`;
}
