// capcheck completion bash|zsh|fish: the shell completion script, generated from
// the same option data as --help.
//
//   source <(capcheck completion bash)
//   capcheck completion fish > ~/.config/fish/completions/capcheck.fish
import { completionScript, SHELLS, type Shell } from "./completion-scripts.js";
import type { CommandSpec } from "./options.js";

export const completion: CommandSpec = {
  name: "completion",
  summary: "print the shell completion script for bash, zsh or fish",
  description:
    "Prints a completion script for the shell: commands, options, their values and file names.",
  readsFiles: false,
  argument: { name: "shell", description: "bash, zsh or fish", choices: SHELLS },
  options: [],
  examples: [
    "source <(capcheck completion bash)       # in ~/.bashrc",
    "source <(capcheck completion zsh)        # in ~/.zshrc, after compinit",
    "capcheck completion fish > ~/.config/fish/completions/capcheck.fish",
  ],
  run: async ({ files }) => {
    // The list of commands holds this one: it is loaded when the script is asked for.
    const { COMMANDS } = await import("./all.js");
    return { stdout: completionScript(files[0] as Shell, COMMANDS), stderr: [], exitCode: 0 };
  },
};
