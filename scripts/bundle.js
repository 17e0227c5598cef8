// Bundles the command line into one CommonJS file, dist/bin/cli.cjs, which
// bin/capcheck.js requires. Measured here, Node 20 starts a CommonJS program some
// 35 ms sooner than an ES module one, and one file reads faster than dozens. zod
// stays outside, required from node_modules only by `schema` and the config files.
// The library's ES module build (dist/index.js) is tsc's output; its CommonJS build,
// dist/cjs/index.js, is bundled here too, so `require("capcheck")` works as well as
// `import` (see package.json "exports").
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import module from "node:module";
import { build } from "esbuild";

rmSync("dist/bin", { recursive: true, force: true });
rmSync("dist/cjs", { recursive: true, force: true });

/**
 * Stand-ins for modules that dependencies load at start-up and capcheck never uses,
 * each costing start-up time: commander requires child_process (about 18 ms here)
 * only to run executable subcommands, which capcheck has none of; chalk's
 * supports-color loads tty, os and process to guess a color level, and capcheck
 * always gives chalk its level (src/report/table.ts). capcheck's own modules take
 * createRequire from node:module to load a module when it is needed (ES modules have
 * no require); node:module brings Node's ES module loader with it, 1-3 ms of a
 * 10-row check. In the bundle, the require that bin/capcheck.js hands it does the job.
 */
const STUBS = [
  {
    module: /^(node:)?child_process$/,
    importer: "node_modules/commander/",
    contents:
      'const none = () => { throw new Error("capcheck runs no executable subcommands"); };\n' +
      "module.exports = { spawn: none, execFileSync: none };",
  },
  {
    module: /^node:module$/,
    importer: "/src/",
    contents: "module.exports = { createRequire: () => require };",
  },
  {
    module: /^#supports-color$/,
    importer: "node_modules/chalk/",
    contents: "module.exports = { stdout: false, stderr: false };",
  },
];

const stubs = {
  name: "stubs",
  setup(build) {
    for (const [i, stub] of STUBS.entries()) {
      build.onResolve({ filter: stub.module }, (args) =>
        args.importer.includes(stub.importer) ? { path: String(i), namespace: "stub" } : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({
      contents: STUBS[Number(args.path)].contents,
      loader: "js",
    }));
  },
};

await build({
  plugins: [stubs],
  entryPoints: ["src/cli.ts"],
  outfile: "dist/bin/cli.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // string-width is required at run time, only for text that is not plain ASCII
  // (src/report/width.ts), through import.meta.url, which a CommonJS bundle lacks.
  external: ["zod", "string-width"],
  define: { "import.meta.url": "importMetaUrl" },
  banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
  // Less text for V8 to scan at start-up; names are kept, so messages still read.
  minifyWhitespace: true,
  minifySyntax: true,
});

// The bundle is written wrapped as Node wraps a CommonJS module, so that bin/capcheck.js
// compiles the file's text as it is: wrapping it there made V8 copy all 420 KB of it
// again, into the young generation, at every start.
writeFileSync(
  "dist/bin/cli.cjs",
  module.wrap(readFileSync("dist/bin/cli.cjs", "latin1")),
  "latin1",
);

// bin/capcheck.js reads the bundle as Latin-1, which is right for ASCII alone
// (esbuild writes other characters as escapes, but not inside every regular
// expression: write those escapes in the source).
const bundled = readFileSync("dist/bin/cli.cjs");
const nonAscii = bundled.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0) {
  const context = bundled.subarray(Math.max(0, nonAscii - 40), nonAscii + 10).toString();
  throw new Error(`dist/bin/cli.cjs is not ASCII: ${JSON.stringify(context)}`);
}

// The CommonJS library: one file beside tsc's declarations, under a package.json
// that marks the folder CommonJS, so TypeScript reads those declarations as
// CommonJS for a `require` and a consumer type-checks either way. Dependencies
// that ship CommonJS stay outside; chalk (ES modules only) is bundled in.
await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/cjs/index.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["zod", "commander", "csv-parse"],
  define: { "import.meta.url": "importMetaUrl" },
  banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});
writeFileSync("dist/cjs/package.json", '{ "type": "commonjs" }\n');

// The worker thread that reads a part of a large file (src/parallel.ts), beside each
// CommonJS bundle that starts it, where `new URL("./parallel-worker.js", ...)` finds it.
for (const dir of ["dist/bin", "dist/cjs"]) {
  await build({
    entryPoints: ["src/parallel-worker.ts"],
    outfile: `${dir}/parallel-worker.js`,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["zod"],
    define: { "import.meta.url": "importMetaUrl" },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
    minifyWhitespace: true,
    minifySyntax: true,
  });
}
writeFileSync("dist/bin/package.json", '{ "type": "commonjs" }\n');
for (const file of readdirSync("dist", { recursive: true })) {
  if (file.endsWith(".d.ts") && !file.startsWith("cjs/"))
    cpSync(`dist/${file}`, `dist/cjs/${file}`);
}

/**
 * The V8 code cache of the bundle, made after a run of `check` on two examples (two
 * years, tons and barrels, estimates: the overview and the notes) so that it holds
 * the functions a run compiles, not just the top level; its stdout goes nowhere. Made in a child process, since a run sets handlers and exit status.
 */
const makeCache = `
  const { writeFileSync } = require("node:fs");
  const { load, CACHE } = require("./bin/capcheck.js");
  const { main, script } = load();
  const examples = ["state-a-2024.csv", "after-notice.csv"].map((f) => "fixtures/synthetic/" + f);
  main(["node", "capcheck", "check", ...examples]).then(() => {
    writeFileSync(CACHE, script.createCachedData());
    process.exitCode = 0;
  });
`;
const cache = spawnSync(process.execPath, ["-e", makeCache], {
  stdio: ["inherit", "ignore", "inherit"],
});
if (cache.status !== 0) throw new Error("making the code cache failed");
