import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceError } from './Source';
import { materializeCheckout, removeCheckoutDir } from './materialize';

const LIMITS = { maxFiles: 1000, maxBytes: 1_000_000 };

/** A repository written with the git binary: loose objects, or with `packed` one pack and nothing loose. */
function makeRepository(base: string, files: Record<string, { text: string; executable?: boolean }>, packed: boolean) {
  const dir = path.join(base, packed ? 'packed' : 'loose');
  const sh = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' } })
      .toString()
      .trim();
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, { text, executable }] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text, { mode: executable ? 0o755 : 0o644 });
  }
  sh('init', '-q', '-b', 'main');
  sh('add', '.');
  sh('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'files');
  if (packed) {
    sh('repack', '-a', '-d', '-q');
    sh('prune-packed');
  }
  return { gitdir: path.join(dir, '.git'), commit: sh('rev-parse', 'HEAD') };
}

const FILES: Record<string, { text: string; executable?: boolean }> = {
  'README.md': { text: '# apps\n' },
  'bin/render.sh': { text: '#!/bin/sh\necho hi\n', executable: true },
  ...Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`apps/app-${i}/nested/cm.yaml`, { text: `kind: ConfigMap\n# ${i}\n` }]),
  ),
};

describe('materializeCheckout', () => {
  let base: string;

  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-materialize-'));
  });
  afterAll(async () => {
    for (const entry of fs.readdirSync(base)) {
      await removeCheckoutDir(path.join(base, entry));
    }
    fs.rmSync(base, { recursive: true, force: true });
  });

  it.each([
    ['loose', false],
    ['packed', true],
  ])('writes every file of a commit whose objects are %s, read-only, executables kept executable', async (_, packed) => {
    const repo = makeRepository(base, FILES, packed);
    const dest = path.join(base, `checkout-${packed}`);
    const { dir, refusedSymlinks } = await materializeCheckout(
      { gitdir: repo.gitdir, subdir: '', label: 'the test repository' },
      repo.commit,
      dest,
      LIMITS,
    );
    expect(refusedSymlinks).toEqual([]);
    for (const [name, { text }] of Object.entries(FILES)) {
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(text);
    }
    expect(fs.statSync(path.join(dir, 'README.md')).mode & 0o777).toBe(0o444 & ~process.umask());
    expect(fs.statSync(path.join(dir, 'bin', 'render.sh')).mode & 0o111).not.toBe(0);
    for (const folder of ['', 'apps', 'apps/app-7', 'apps/app-7/nested']) {
      expect(fs.statSync(path.join(dir, folder)).mode & 0o222).toBe(0);
    }
  });

  it.each([
    ['more files than the limit', true, { maxFiles: 10 }, 'more than 10 files'],
    ['more bytes than the limit', false, { maxBytes: 200 }, 'more than 200 bytes'],
  ])('refuses a commit with %s, and leaves no partial checkout behind', async (what, packed, limits, message) => {
    const repo = makeRepository(fs.mkdtempSync(path.join(base, 'limit-')), FILES, packed);
    const dest = path.join(base, `refused-${what.replace(/ /g, '-')}`);
    const error = await materializeCheckout(
      { gitdir: repo.gitdir, subdir: '', label: 'the test repository' },
      repo.commit,
      dest,
      { ...LIMITS, ...limits },
    ).catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.reason).toBe('limit-exceeded');
    expect(error.message).toContain(message);
    expect(fs.readdirSync(base).filter(name => name.startsWith(path.basename(dest)))).toEqual([]);
  });
});
