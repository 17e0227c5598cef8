// Bundles the command line into dist/bin/ so that start-up reads a few files
// instead of resolving dozens of modules; each subcommand and zod stay in chunks
// of their own, loaded only when used. The library (dist/index.js) is tsc's output.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry hashes: start clean so that no stale chunk is left behind.
rmSync("dist/bin", { recursive: true, force: true });

await build({
  entryPoints: ["src/cli.ts"],
  outdir: "dist/bin",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // commander is CommonJS and requires Node's modules; give the bundle a require.
  banner: {
    js: 'import { createRequire as __capcheckRequire } from "node:module"; const require = __capcheckRequire(import.meta.url);',
  },
});
