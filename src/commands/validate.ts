// capcheck validate [files...]: read and validate only, and name every invalid record.
//
//   capcheck validate shipments.csv            # exit 0 and "N records valid", or 2
//   cat shipments.ndjson | capcheck validate - # the same from a pipe
//   capcheck validate --format json data.json  # { records, issues } for scripts

import { counted, invalidOfRead } from "../domain/issues.js";
import { escapeInvisible } from "../domain/sanitize.js";
import { RecordScan } from "../domain/scan.js";
import { loadFactorOf } from "../option-values.js";
import { feed } from "../pipeline.js";
import { type Progress, progressFor, withProgress } from "../progress.js";
import { type InputFlags, inputOptionsOf, sourcesOf } from "./flags.js";
import {
  CONFIG_OPTION,
  type CommandSpec,
  formatOption,
  INPUT_OPTIONS,
  JSON_FLAG,
  QUIET,
} from "./options.js";
import { annotationsOf, type CommandOutput, issueLines } from "./output.js";

interface ValidateFlags extends InputFlags {
  format: "text" | "json";
  json?: boolean;
  quiet?: boolean;
  loadFactor?: string;
}

export const validate: CommandSpec<ValidateFlags> = {
  name: "validate",
  summary: "read and validate only; list every invalid record",
  description: "Reads the records and validates each one; lists every invalid record.",
  readsFiles: true,
  options: [
    CONFIG_OPTION,
    ...INPUT_OPTIONS,
    formatOption(["text", "json"]),
    JSON_FLAG,
    {
      flags: "--load-factor <x>",
      description: "capacity records need no load_factor of their own (see check)",
    },
    QUIET,
  ],
  examples: [
    "capcheck validate shipments.csv",
    "cat shipments.ndjson | capcheck validate -",
    "capcheck validate --json data/*.json | jq .records",
  ],
  run: ({ files, flags, terminal }) => {
    // Its value is not used here, but a bad one is still an error.
    if (flags.loadFactor !== undefined) loadFactorOf(flags.loadFactor, "--load-factor");
    const sources = sourcesOf(files, terminal);
    return validateSources(
      sources,
      flags,
      progressFor(terminal.stderr, terminal.env, flags.quiet === true),
      terminal.env,
    );
  },
};

async function validateSources(
  sources: ReturnType<typeof sourcesOf>,
  flags: ValidateFlags,
  progress: Progress | undefined,
  /** Under GitHub Actions (its GITHUB_ACTIONS): workflow commands on stderr too. */
  env: Readonly<Record<string, string | undefined>>,
): Promise<CommandOutput> {
  const read = withProgress(inputOptionsOf(flags), progress);
  const result = new RecordScan({
    severity: "error",
    context: { loadFactorGiven: flags.loadFactor !== undefined },
  });
  await feed(sources, read, {
    scan: result,
    addAll: (raws) => {
      for (const raw of raws) result.take(raw);
    },
    endSource: (name) => result.endSource(name),
    warn: (issue) => result.warn(issue),
  }).finally(() => progress?.clear());
  for (const warning of result.emptySourceWarnings()) result.issues.add(warning);
  const issues = result.issues.toArray();
  const stderr = issueLines(issues);
  const exitCode = result.invalid > 0 ? 2 : 0;
  if (exitCode === 2) stderr.push(invalidOfRead(result.invalid, result.read));
  const counts = { read: result.read, valid: result.valid, invalid: result.invalid };
  let stdout = "";
  if (!flags.quiet) {
    if ((flags.json ? "json" : flags.format) === "json") {
      const json = { schemaVersion: 1, records: counts, issues };
      stdout = `${escapeInvisible(JSON.stringify(json, null, 2))}\n`;
    } else if (exitCode === 0) {
      stdout = `${counted(result.valid, "record")} valid\n`;
    }
  }
  return { stdout, stderr, exitCode, ...(await annotationsOf(env, issues)) };
}
