/*
 * Conformance runner: `npm run conformance [-- --corpus DIR] [-- --lua-dir DIR]
 * [-- --diff-corpus DIR]`. Prints exactly one JSON object on stdout:
 * {"health": {...}, "diff": {...}}. Problems go to stderr.
 */
import path from 'path';
import { runHealthConformance } from './healthConformance';
import { findRepoRoot } from './repoRoot';
import { parseArgs } from './cliArgs';

async function runDiff(corpusDir: string): Promise<unknown> {
  // The diff runner lives beside this file once the diff engine provides it.
  let mod: { runDiffConformance?: (dir: string) => Promise<unknown> };
  try {
    mod = require('./diffConformance');
  } catch (e) {
    return {
      error: `diff conformance is not available: ${
        (e as Error).message.split('\n')[0]
      }`,
    };
  }
  if (typeof mod.runDiffConformance !== 'function') {
    return {
      error:
        'diff conformance is not available: runDiffConformance is not exported',
    };
  }
  try {
    return await mod.runDiffConformance(corpusDir);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const root = findRepoRoot(cwd);
  const resolve = (p: string) => path.resolve(cwd, p);
  const healthDir = args.corpus
    ? resolve(args.corpus)
    : path.resolve(root, '..', 'shared', 'conformance', 'health');
  const diffDir = args.diffCorpus
    ? resolve(args.diffCorpus)
    : path.resolve(root, '..', 'shared', 'conformance', 'diff');
  const health = await runHealthConformance(healthDir, {
    luaDir: args.luaDir ? resolve(args.luaDir) : undefined,
  });
  const diff = await runDiff(diffDir);
  process.stdout.write(`${JSON.stringify({ health, diff })}\n`);
  return 0;
}

main().then(
  code => {
    process.exitCode = code;
  },
  e => {
    process.stderr.write(`conformance: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
