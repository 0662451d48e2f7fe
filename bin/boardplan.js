#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script, or `npm run build:cli`).
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
    process.stderr.write('boardplan: the command line is not built yet: run `npm install` (or `npm run build:cli`) in the BoardPlan folder.\n');
    process.exit(2);
  }
  throw e;
}
cli
  .main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    pretty: Boolean(process.stdout.isTTY),
  })
  .then((code) => {
    process.exitCode = code;
  });
