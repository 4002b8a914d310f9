import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from './GitSource';

jest.setTimeout(60_000);

async function tmpDir(prefix: string): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
}

describe('GitSource.commitDetails', () => {
  let server: GitTestServer;
  let url: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('apps', { 'cm.yaml': 'a: 1\n' }));
  });
  afterAll(() => server.stop());

  it('gives author, whole message and author date of a fetched commit', async () => {
    const sha = await server.commit(
      'apps',
      { 'cm.yaml': 'a: 2\n' },
      {
        message: 'Raise the replica count\n\nPayments needs more headroom.\n',
        author: { name: 'Ada Lovelace', email: 'ada@example.com' },
        date: new Date('2026-11-20T10:15:30Z'),
      },
    );
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    const { commit } = await source.resolveRevision(url, 'HEAD');
    expect(commit).toBe(sha);
    await expect(source.commitDetails(url, commit)).resolves.toEqual({
      sha,
      author: 'Ada Lovelace <ada@example.com>',
      message: 'Raise the replica count\n\nPayments needs more headroom.',
      date: '2026-11-20T10:15:30.000Z',
    });
  });

  it('refuses anything but a full SHA, and names a commit the repository lacks', async () => {
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    await source.resolveRevision(url, 'HEAD');
    await expect(source.commitDetails(url, 'main')).rejects.toMatchObject({ reason: 'revision-not-found' });
    const missing = await source.commitDetails(url, 'f'.repeat(40)).catch(e => e);
    expect(missing.reason).toBe('revision-not-found');
    expect(missing.message).toContain(url.replace(/\.git$/, ''));
  });

  it('reads commits of a local repository in place, also below a folder of it', async () => {
    const base = await tmpDir('slipway-local-');
    const repoDir = path.join(base, 'repo');
    await fs.promises.mkdir(path.join(repoDir, 'app'), { recursive: true });
    await fs.promises.writeFile(path.join(repoDir, 'app', 'cm.yaml'), 'a: 1\n');
    const sh = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoDir,
        env: {
          PATH: process.env.PATH,
          HOME: base,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_DATE: '2026-01-02T03:04:05+02:00',
          GIT_COMMITTER_DATE: '2026-01-02T03:04:05+02:00',
        },
      }).toString();
    sh('init', '-q', '-b', 'main');
    sh('add', '.');
    sh('-c', 'user.name=Grace', '-c', 'user.email=grace@example.com', 'commit', '-q', '-m', 'init');
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    const appDir = path.join(repoDir, 'app');
    const { commit } = await source.resolveRevision(appDir, 'main');
    await expect(source.commitDetails(appDir, commit)).resolves.toEqual({
      sha: commit,
      author: 'Grace <grace@example.com>',
      message: 'init',
      date: '2026-01-02T01:04:05.000Z',
    });
  });
});
