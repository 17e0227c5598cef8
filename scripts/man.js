// Writes the man page, dist/man/capcheck.1 (package.json "man"), from the same
// command and option data as --help and the shell completions, after tsc's build.
import { mkdirSync, writeFileSync } from "node:fs";
import { COMMANDS, PROGRAM } from "../dist/commands/all.js";
import { manPage } from "../dist/commands/completion-scripts.js";
import { VERSION } from "../dist/version.js";

mkdirSync("dist/man", { recursive: true });
writeFileSync(
  "dist/man/capcheck.1",
  manPage(COMMANDS, {
    version: VERSION,
    description: PROGRAM.description,
    examples: PROGRAM.examples,
  }),
);
