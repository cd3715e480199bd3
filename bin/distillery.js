#!/usr/bin/env node
// The package's `distillery` bin: the bundled CLI (run `npm run build` first in a source checkout).
require('../dist/cli.js').runCli();
