#!/usr/bin/env node
// CommonJS (see bin/package.json): the bundled command line starts fastest so.
require("../dist/bin/cli.cjs").main(process.argv);
