#!/usr/bin/env node
// CommonJS (see bin/package.json): the bundled command line starts fastest so.
// The bundle is compiled with the V8 code cache that the build made by running it
// once (scripts/bundle.js): Node 20 keeps no compile cache of its own
// (module.enableCompileCache came in Node 22), and compiling the bundle is most
// of capcheck's start-up. A cache V8 turns down (another Node) costs nothing but
// the ordinary compile. The bundle is ASCII (the build makes sure), so it is read
// as Latin-1: the same text, without the cost of decoding UTF-8.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");

const BUNDLE = join(__dirname, "../dist/bin/cli.cjs");
const CACHE = join(__dirname, "../dist/bin/cli.cache");
/** How a wrapped bundle starts: Node's module wrapper (node:module's wrapper[0]). */
const WRAPPED = "(function (exports, require, module, __filename, __dirname) { ";

/** The bundle's exports, and its compiled script (the build asks it for a cache). */
function load() {
  let cachedData;
  try {
    cachedData = readFileSync(CACHE);
  } catch {
    // No cache (a build without one): compile as usual.
  }
  // The build wraps the bundle as Node wraps a CommonJS module (scripts/bundle.js). One
  // built before it did (a dist/ not rebuilt since) is wrapped here, as it used to be.
  let source = readFileSync(BUNDLE, "latin1");
  if (!source.startsWith(WRAPPED)) source = require("node:module").wrap(source);
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const bundle = { exports: {} };
  // This file's require serves the bundle: it finds what the bundle's own would (the
  // package's node_modules, above both), without loading node:module for
  // createRequire, and with it Node's ES module loader (scripts/bundle.js).
  script
    .runInThisContext()
    .call(bundle.exports, bundle.exports, require, bundle, BUNDLE, join(BUNDLE, ".."));
  return { main: bundle.exports.main, mainThenExit: bundle.exports.mainThenExit, script };
}

if (require.main === module) load().mainThenExit(process.argv);
else module.exports = { load, CACHE };
