#!/usr/bin/env node
/*
 * Runs a TypeScript entry point of the repository with Backstage's Node
 * transform, the same one `backstage-cli package start` uses:
 *   node scripts/run-ts.js path/to/script.ts [args...]
 */
const path = require('node:path');

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.js <script.ts> [args...]');
  process.exit(2);
}
require('@backstage/cli/config/nodeTransform.cjs');
const entry = path.resolve(__dirname, '..', script);
process.argv = [process.argv[0], entry, ...args];
require(entry);
