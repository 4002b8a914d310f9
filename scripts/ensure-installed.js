#!/usr/bin/env node
/*
 * Runs `npm install` when dependencies are missing or older than the
 * manifests, so that `npm start`, `npm test` and `npm run bench` work on a
 * fresh clone with no other step. Uses only Node's standard library because
 * it runs before anything is installed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function manifests() {
  const files = [path.join(root, 'package.json'), path.join(root, 'package-lock.json')];
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const manifest = path.join(dir, name, 'package.json');
      if (fs.existsSync(manifest)) files.push(manifest);
    }
  }
  return files;
}

function installIsCurrent() {
  const marker = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  if (marker === undefined) return false;
  return manifests().every(file => (mtime(file) ?? 0) <= marker);
}

if (!installIsCurrent()) {
  console.log('[slipway] dependencies missing or out of date: running npm install');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_legacy_peer_deps: 'true' },
  });
  if (result.status !== 0) {
    console.error('[slipway] npm install failed; see the output above. Fix the error and run the command again.');
    process.exit(result.status ?? 1);
  }
}
