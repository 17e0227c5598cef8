// JSON, schema version 1: the Report object itself, keys in a stable order.
import { escapeInvisible } from "../domain/record.js";
import type { Report } from "../domain/report.js";

export function renderJson(report: Report): string {
  return `${escapeInvisible(JSON.stringify(report, null, 2))}\n`;
}
