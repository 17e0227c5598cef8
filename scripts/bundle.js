// Bundles the command line into one CommonJS file, dist/bin/cli.cjs, which
// bin/capcheck.js requires. Measured here, Node 20 starts a CommonJS program some
// 35 ms sooner than an ES module one, and one file reads faster than dozens. zod
// stays outside, required from node_modules only by `schema` and the config files.
// The library (dist/index.js) is tsc's ES module output.
import { rmSync } from "node:fs";
import { build } from "esbuild";

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
  outfile: "dist/bin/cli.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["zod"],
  logLevel: "warning",
  // Less text for V8 to scan at start-up; names are kept, so messages still read.
  minifyWhitespace: true,
  minifySyntax: true,
});
