// The config file (contract §14): `--config FILE`, else `capcheck.config.json` in
// the working directory, else the `"capcheck"` key of its package.json. Its keys
// become flags of the command line, beneath those given on it (src/cli.ts), so
// every value passes the same rules as typed flags. zod loads only when a config
// file is there.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { parseConfig } from "./config-issues.js";
import { InputError } from "./errors.js";
import { readConfigFile, readConfigJson } from "./ingest/config-file.js";
import { expandGlob } from "./ingest/glob.js";
import { jsonPath } from "./ingest/json-scan.js";

export const CONFIG_FILE = "capcheck.config.json";

/** A config value as a flag: a string, a list, or a switch. */
export type ConfigValue = string | readonly string[] | boolean;

export interface ConfigEntry {
  readonly value: ConfigValue;
  /** Where it stands, for messages: `$.failOn`, `$.capcheck.by`. */
  readonly at: string;
}

export interface Config {
  /** The file, as messages name it. */
  readonly file: string;
  /** The files its `inputs` globs match, sorted; none when it has no `inputs`. */
  readonly inputs: readonly string[];
  /** By the flag's name as commander keeps it: `failOn`, `regime`, `output`. */
  readonly flags: ReadonlyMap<string, ConfigEntry>;
}

/** Config keys → the flags they stand for (commander's attribute names). */
const FLAG_OF: Record<string, string> = {
  regimes: "regime",
  caps: "caps",
  factors: "factors",
  failOn: "failOn",
  skipInvalid: "skipInvalid",
  by: "by",
  basis: "basis",
  loadFactor: "loadFactor",
  scenarios: "scenarios",
  numberFormat: "numberFormat",
  outputs: "output",
};

/** The file's JSON, the config standing at `within` in it. */
const readJson = (file: string, within: readonly PropertyKey[] = [], text?: string) =>
  readConfigJson(file, (path) => jsonPath("$", path), within, text);

/**
 * Whether a package.json may hold a "capcheck" key. Most hold none, which the
 * engine's JSON.parse tells at once; reading one exactly, as a config is read, took
 * a millisecond of every start in a folder with a package.json. JSON that does
 * not parse is read exactly, for its message.
 */
function mayConfigure(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === "object" && json !== null && Object.hasOwn(json, "capcheck");
  } catch {
    return true;
  }
}

/** The config in force, if any: `explicit` (--config), else one found in `cwd`. */
export async function loadConfig(
  explicit: string | undefined,
  cwd = ".",
): Promise<Config | undefined> {
  let file: string;
  let json: unknown;
  let prefix = "$";
  if (explicit !== undefined) {
    file = explicit;
    json = readJson(file);
  } else if (existsSync(join(cwd, CONFIG_FILE))) {
    file = join(cwd, CONFIG_FILE);
    json = readJson(file);
  } else {
    file = join(cwd, "package.json");
    if (!existsSync(file)) return undefined;
    const text = readConfigFile(file);
    if (!mayConfigure(text)) return undefined;
    const manifest = readJson(file, ["capcheck"], text);
    if (typeof manifest !== "object" || manifest === null || !("capcheck" in manifest)) {
      return undefined;
    }
    json = manifest.capcheck;
    prefix = "$.capcheck";
  }
  // zod loads only when a config file is there: start-up stays short without one.
  const { CONFIG_KEYS, CONFIG_TAKES, configSchema } = await import("./config-schema.js");
  const parsed = parseConfig(configSchema, json, {
    // The file as a whole is named by the file alone; inside package.json, by its key.
    place: (path) => (path.length === 0 && prefix === "$" ? "" : jsonPath(prefix, path)),
    takes: (path) => (path.length === 1 ? CONFIG_TAKES[String(path[0])] : undefined),
    keys: (path) => (path.length === 0 ? CONFIG_KEYS : undefined),
  });
  if ("problem" in parsed) throw new InputError(file, null, parsed.problem);
  // Paths in a config file are relative to it, as in tsconfig.json.
  const base = dirname(file);
  const path = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const inputs: string[] = [];
  for (const [i, pattern] of (parsed.data.inputs ?? []).entries()) {
    // `-` is standard input, as on the command line, wherever the file stands.
    const matched = pattern === "-" ? ["-"] : expandGlob(pattern, base);
    if (matched.length === 0) {
      throw new InputError(
        file,
        null,
        `${prefix}.inputs[${i}]: no file matches ${JSON.stringify(pattern)}`,
      );
    }
    for (const m of matched) if (!inputs.includes(m)) inputs.push(m);
  }
  const flags = new Map<string, ConfigEntry>();
  for (const [key, raw] of Object.entries(parsed.data)) {
    const flag = FLAG_OF[key];
    if (flag === undefined || raw === undefined) continue;
    let value: ConfigValue = Array.isArray(raw) ? raw.map(String) : (raw as string | boolean);
    if (typeof raw === "number") value = String(raw);
    if (key === "caps" || key === "factors") value = path(value as string);
    if (key === "outputs") {
      value = (value as string[]).map((o) =>
        o.replace(/^([a-z]+):(.*)$/, (_, f, p) => `${f}:${p === "-" ? p : path(p)}`),
      );
    }
    flags.set(flag, { value, at: `${prefix}.${key}` });
  }
  return { file, inputs, flags };
}

/**
 * Flags that make one choice together: the command line giving any of them
 * replaces the config's whole choice, as a flag replaces its own key. Both set the
 * load factor of the same records, and cannot be used together (src/options.ts).
 */
const ONE_CHOICE: readonly (readonly string[])[] = [["loadFactor", "scenarios"]];

/** One option of the command, as the merge sees it. */
export interface ConfigurableOption {
  /** commander's attribute name: `failOn`. */
  readonly name: string;
  /** How messages spell it: `--fail-on`. */
  readonly flag: string;
  readonly choices?: readonly string[];
  /** Takes a list (split at commas) or repeats: the value is an array. */
  readonly many: boolean;
  readonly takesValue: boolean;
}

/**
 * The config's values for the options of one command that the command line did
 * not give; keys the command has no option for are left to the commands that do.
 */
export function configFlags(
  config: Config,
  options: readonly ConfigurableOption[],
  givenOnCommandLine: (name: string) => boolean,
): Record<string, string | string[] | boolean> {
  const flags: Record<string, string | string[] | boolean> = {};
  const given = (name: string) =>
    (ONE_CHOICE.find((choice) => choice.includes(name)) ?? [name]).some(givenOnCommandLine);
  for (const option of options) {
    const entry = config.flags.get(option.name);
    if (entry === undefined || given(option.name)) continue;
    const { value, at } = entry;
    if (!option.takesValue) {
      flags[option.name] = value === true;
      continue;
    }
    const items = (typeof value === "string" ? value.split(",") : (value as string[]))
      .map((v) => v.trim())
      .filter((v) => v !== "");
    // An empty list would leave the default in force (every regime, --fail-on
    // exceeded): the opposite of what it seems to say, so it is refused.
    if (option.many && items.length === 0) {
      throw new InputError(
        config.file,
        null,
        `${at}: names nothing; leave the key out for the default`,
      );
    }
    for (const item of option.choices ? items : []) {
      if (!option.choices?.includes(item)) {
        throw new InputError(
          config.file,
          null,
          `${at}: expected ${option.choices?.join(", ")}, got ${JSON.stringify(item)}`,
        );
      }
    }
    flags[option.name] = option.many ? items : typeof value === "string" ? value : items.join(",");
  }
  return flags;
}
