// Hostile --caps, --factors and config files: each refused in one line naming the
// file and the place, exit 2, never a crash and never a value other than the one written.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { capcheck, expectOneLineError } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-option-files-"));
const DATA = "fixtures/synthetic/state-a-2024.csv";

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe("deeply nested brackets", () => {
  // 200,000 levels in 400 KB: the repeated-key scan once copied a path per level.
  const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
  it.each([
    ["--caps", /^capcheck: .*deep\.json: \[0\]: expected an object, got a list\n$/],
    ["--factors", /^capcheck: .*deep\.json: expected an object of barrels per ton/],
    ["--config", /^capcheck: .*deep\.json: expected an object, got a list\n$/],
  ])("in a %s file are refused in one line", (flag, pattern) => {
    const path = file("deep.json", deep);
    expectOneLineError(capcheck(["check", flag, path, DATA], { timeout: 30_000 }), pattern);
  });
});
