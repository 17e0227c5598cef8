// JSON, schema version 1: the Report object itself, keys in a stable order.
import type { Report } from "../domain/report.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
