// Bundles the command line into dist/bin/ so that start-up reads a few files
// instead of resolving dozens of modules; each subcommand and zod stay in chunks
// of their own, loaded only when used. The library (dist/index.js) is tsc's output.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry hashes: start clean so that no stale chunk is left behind.
rmSync("dist/bin", { recursive: true, force: true });

/**
 * commander requires child_process at load time, only to run executable
 * subcommands, which capcheck has none of; loading it costs start-up time (about
 * 18 ms here), so commander gets a stand-in that says so if it is ever called.
 */
const noChildProcess = {
  name: "no-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes("node_modules/commander/")
        ? { path: "child_process", namespace: "stub" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        'const none = () => { throw new Error("capcheck runs no executable subcommands"); };\n' +
        "module.exports = { spawn: none, execFileSync: none };",
      loader: "js",
    }));
  },
};

await build({
  plugins: [noChildProcess],
  entryPoints: ["src/cli.ts"],
  outdir: "dist/bin",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Less text for V8 to scan at start-up; names are kept, so messages still read.
  minifyWhitespace: true,
  minifySyntax: true,
  // commander is CommonJS and requires Node's modules; give the bundle a require.
  banner: {
    js: 'import { createRequire as __capcheckRequire } from "node:module"; const require = __capcheckRequire(import.meta.url);',
  },
});
