#!/usr/bin/env node
/*
 * `npm test`: runs every test of the repository once and exits.
 *
 * - starts a throwaway PostgreSQL server (when initdb/pg_ctl exist) so that
 *   `TestDatabases` runs every store test on SQLite and PostgreSQL;
 * - runs Jest through `backstage-cli repo test` (never in watch mode);
 * - writes Jest's JSON results to test-results/jest-results.json (or to
 *   $SLIPWAY_TEST_RESULTS_DIR) and prints the closing line
 *   `N passed, N failed` computed from them;
 * - gives the tests (and the git, helm, kubectl and chromium they start) a
 *   temporary folder of their own as TMPDIR and removes it afterwards, so
 *   that runs leave nothing behind in the machine's temporary folder.
 *
 * Extra arguments are passed to Jest, e.g. `npm test -- plugins/slipway-node`.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..');
// A run may write elsewhere (SLIPWAY_TEST_RESULTS_DIR), so that runs side by side keep their own results.
const resultsDir = process.env.SLIPWAY_TEST_RESULTS_DIR
  ? path.resolve(process.env.SLIPWAY_TEST_RESULTS_DIR)
  : path.join(root, 'test-results');
const resultsFile = path.join(resultsDir, 'jest-results.json');

function startPostgres() {
  const launcher = path.join(root, 'packages/test-utils/src/postgres/cli.ts');
  if (!fs.existsSync(launcher)) {
    return Promise.resolve({ unavailable: 'the PostgreSQL launcher is missing' });
  }
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(__dirname, 'run-ts.js'), launcher], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    let settled = false;
    const settle = value => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    lines.on('line', line => {
      try {
        const message = JSON.parse(line);
        settle({ ...message, child });
      } catch {
        // not our line; the launcher only prints JSON on stdout
      }
    });
    child.on('exit', code => settle({ unavailable: `the PostgreSQL launcher exited with code ${code}` }));
  });
}

function summarize() {
  if (!fs.existsSync(resultsFile)) {
    return undefined;
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  const passed = results.numPassedTests ?? 0;
  // Suites that fail to run (syntax errors, crashes) count as failures too.
  const failed = (results.numFailedTests ?? 0) + (results.numRuntimeErrorTestSuites ?? 0);
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.rmSync(resultsFile, { force: true });

  const machineTmp = os.tmpdir();
  const scratch = fs.mkdtempSync(path.join(machineTmp, 'slipway-test-run-'));
  // a test's PostgreSQL runs as the postgres user: it must pass through
  fs.chmodSync(scratch, 0o711);
  const env = {
    ...process.env,
    CI: process.env.CI || 'true',
    BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    SLIPWAY_TEST_RESULTS_DIR: resultsDir,
    TMPDIR: scratch,
    TMP: scratch,
    TEMP: scratch,
    // locks shared by every run of the machine stay in the machine's folder
    SLIPWAY_MACHINE_TMPDIR: machineTmp,
  };

  const postgres = await startPostgres();
  if (postgres.connectionString) {
    env.BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING = postgres.connectionString;
    console.log(`[slipway] PostgreSQL for tests: ${postgres.connectionString}`);
  } else {
    console.log(
      `[slipway] PostgreSQL NOT available (${postgres.unavailable}); store tests run on SQLite only. ` +
        'Install PostgreSQL (apt-get install postgresql) to run them on both.',
    );
  }

  const cli = path.join(root, 'node_modules/.bin/backstage-cli');
  const args = [
    'repo',
    'test',
    '--json',
    `--outputFile=${resultsFile}`,
    '--watchAll=false',
    // Jest's transform cache outlives the run, where it would be without TMPDIR
    `--cacheDirectory=${path.join(machineTmp, `jest_${(process.getuid?.() ?? 0).toString(36)}`)}`,
    ...process.argv.slice(2),
  ];
  const code = await new Promise(resolve => {
    const jest = spawn(cli, args, { cwd: root, stdio: 'inherit', env });
    // on Ctrl-C or a stop, Jest ends first and the clean-up below still runs
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => jest.kill(signal));
    }
    jest.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });

  if (postgres.child) {
    postgres.child.kill('SIGTERM');
  }
  try {
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.error(`[slipway] could not remove the tests' temporary folder ${scratch}: ${error.message}`);
  }

  const line = summarize();
  if (line === undefined) {
    console.log('0 passed, 1 failed');
    console.error('[slipway] Jest wrote no results file; see the output above.');
    process.exit(code || 1);
  }
  console.log(line);
  process.exit(code);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
