// capcheck regimes: list the cap regimes in force (built-in, or from --caps).
//
//   capcheck regimes
//   capcheck regimes --caps my-caps.json --json

import { withDigits } from "../domain/exact-digits.js";
import { amountBarrelsText } from "../domain/exact-sum.js";
import type { Regime } from "../domain/regimes.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { regimesFrom } from "../option-files.js";
import { formatRegimeCap } from "../report/format.js";
import { exactJson } from "../report/json.js";
import { outputWidth, wrap } from "../report/width.js";
import type { CommandSpec } from "./options.js";

function describePeriods(r: Regime): string {
  return r.end !== undefined
    ? `one period, ${r.start} to ${r.end}`
    : `${r.periodMonths}-month periods from ${r.start}, open-ended`;
}

export const regimes: CommandSpec<{ caps?: string; json?: boolean }> = {
  name: "regimes",
  summary: "list the built-in cap regimes",
  description: "Lists the cap regimes in force: the built-in ones, or those of --caps.",
  readsFiles: false,
  options: [
    { flags: "--caps <file>", description: "regime definitions from a JSON file" },
    { flags: "--json", description: "print JSON" },
  ],
  examples: ["capcheck regimes", "capcheck regimes --caps my-caps.json --json"],
  run: async ({ flags, terminal }) => {
    const list = await regimesFrom(flags.caps);
    if (flags.json) {
      // A cap's exact digits where the Number lost some (past 2^53 thousandths): read
      // back as a --caps file, the list must give the caps it lists (exactJson).
      const rows = list.map((r) => {
        const cap = amountBarrelsText(r.cap);
        const row = {
          id: r.id,
          title: r.title,
          commodity: r.commodity,
          capBarrels: Number(cap),
          start: r.start,
          periodMonths: r.periodMonths,
          end: r.end ?? null,
          thresholds: r.thresholds.map((t) => Number(t.share.num) / Number(t.share.den)),
        };
        return withDigits(row, { capBarrels: cap });
      });
      return {
        stdout: `${escapeInvisible(exactJson(rows, 2))}\n`,
        stderr: [],
        exitCode: 0,
      };
    }
    // Long lines wrap, indented under their own start, to fit the width.
    const width = outputWidth(
      terminal.env,
      terminal.stdoutIsTerminal ? terminal.columns : undefined,
    );
    const lines = list.map((r) =>
      [
        r.id,
        `  ${safeText(r.title)}`,
        `  ${r.commodity}, cap ${formatRegimeCap(r.cap)} bbl, ${describePeriods(r)}; thresholds ${r.thresholds.map((t) => `${t.key}%`).join(", ")}`,
      ]
        .flatMap((line) => wrap(line, width, 4))
        .join("\n"),
    );
    return { stdout: `${lines.join("\n\n")}\n`, stderr: [], exitCode: 0 };
  },
};
