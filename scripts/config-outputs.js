// For scripts/github-action.sh: the outputs of the config file in force, one a
// line, found and resolved by capcheck's own config loader. The action's own
// --output (its JSON report, the step summary) replaces a config file's outputs,
// as any --output does, so the action names them again. A config that cannot be
// read prints nothing: capcheck then says what is wrong with it, in its own words.
import { loadConfig } from "../dist/config.js";

try {
  const outputs = (await loadConfig(process.argv[2] || undefined))?.flags.get("output")?.value;
  if (Array.isArray(outputs)) process.stdout.write(outputs.map((o) => `${o}\n`).join(""));
} catch {
  // Reported by the capcheck run that follows.
}
