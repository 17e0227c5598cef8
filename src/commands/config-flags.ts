// The config file's values laid under the command line's flags (contract §14):
// what the command line gave wins, the config fills in the rest, then defaults.
// A value from the config that a rule refuses is named by its place in the file.
import type { Command } from "commander";
import { type Config, configFlags, loadConfig } from "../config.js";
import { InputError, UsageError } from "../errors.js";
import { fileNameOf } from "../option-values.js";
import type { CommandSpec } from "./options.js";

export interface Configured {
  files: string[];
  flags: Record<string, unknown>;
  /** Runs the command, naming the config file in a message about one of its values. */
  run<T>(job: () => Promise<T> | T): Promise<T>;
}

export async function withConfig(
  spec: CommandSpec,
  command: Command,
  files: string[],
  flags: Record<string, unknown>,
): Promise<Configured> {
  const takesConfig = spec.options.some((o) => o.flags.startsWith("--config "));
  const config: Config | undefined = takesConfig
    ? await loadConfig(
        flags.config === undefined ? undefined : fileNameOf(flags.config, "--config"),
      )
    : undefined;
  if (config === undefined) return { files, flags, run: async (job) => job() };
  const specOf = new Map(spec.options.map((o) => [o.flags, o]));
  const options = command.options
    .filter((o) => !o.negate && o.long !== undefined)
    .map((o) => {
      const data = specOf.get(o.flags);
      return {
        name: o.attributeName(),
        flag: o.long as string,
        ...(o.argChoices ? { choices: o.argChoices } : {}),
        many: data?.list === true || data?.repeatable === true,
        takesValue: o.required || o.optional,
      };
    });
  const given = (name: string) => command.getOptionValueSource(name) === "cli";
  const fromConfig = configFlags(config, options, given);
  // Where each value from the config stands, by its flag: `--by` → `$.by`.
  const places = new Map(
    options.flatMap((o) => {
      const entry = config.flags.get(o.name);
      return entry && o.name in fromConfig ? [[o.flag, entry.at] as const] : [];
    }),
  );
  return {
    files: files.length === 0 ? [...config.inputs] : files,
    flags: { ...flags, ...fromConfig },
    run: async (job) => {
      try {
        return await job();
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        const flag = /^--[a-z-]+/.exec(error.message)?.[0];
        const at = flag === undefined ? undefined : places.get(flag);
        if (at === undefined) throw error;
        // Another option from the config the message names is named by its place too.
        const rest = error.message
          .slice(flag?.length)
          .trim()
          .replace(/--[a-z-]+/g, (other) => places.get(other) ?? other);
        throw new InputError(config.file, null, `${at}: ${rest}`);
      }
    },
  };
}
