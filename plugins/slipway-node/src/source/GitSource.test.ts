import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitTestServer } from '@slipway/test-utils';
import git from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { GitSource } from './GitSource';
import { SourceError } from './Source';

jest.setTimeout(60_000);

const DEPLOY = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

async function tmpDir(prefix: string): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
}

describe('GitSource against a Git smart-HTTP server', () => {
  let server: GitTestServer;
  let cacheDir: string;
  let url: string;
  let first: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('apps', { 'app/cm.yaml': DEPLOY, 'README.md': 'hi' }));
    first = await server.headOf('apps');
    await server.branch('apps', 'release');
    await server.commit('apps', { 'app/cm.yaml': DEPLOY.replace('name: a', 'name: b') }, { branch: 'release' });
    await server.tag('apps', 'v1.0.0', first);
    await server.tag('apps', 'v1.0.0-annotated', first, { message: 'an annotated tag' });
  });
  afterAll(() => server.stop());
  beforeEach(async () => {
    cacheDir = await tmpDir('slipway-src-');
  });

  it('resolves HEAD and the empty revision to the default branch tip', async () => {
    const source = new GitSource({ cacheDir });
    const head = await server.headOf('apps');
    expect((await source.resolveRevision(url, 'HEAD')).commit).toBe(head);
    expect((await source.resolveRevision(url, '')).commit).toBe(head);
    expect((await source.resolveRevision(url)).commit).toBe(head);
  });

  it('resolves a branch, a lightweight tag and an annotated tag to commits', async () => {
    const source = new GitSource({ cacheDir });
    const release = await server.headOf('apps', 'release');
    expect(release).not.toBe(first);
    expect(await source.resolveRevision(url, 'release')).toMatchObject({
      commit: release,
      ref: 'refs/heads/release',
    });
    expect((await source.resolveRevision(url, 'v1.0.0')).commit).toBe(first);
    expect((await source.resolveRevision(url, 'v1.0.0-annotated')).commit).toBe(first);
    expect((await source.resolveRevision(url, 'refs/tags/v1.0.0')).commit).toBe(first);
  });

  it('resolves full and short commit SHAs', async () => {
    const source = new GitSource({ cacheDir });
    expect((await source.resolveRevision(url, first)).commit).toBe(first);
    expect((await source.resolveRevision(url, first.slice(0, 8))).commit).toBe(first);
    expect((await source.resolveRevision(url, first.toUpperCase())).commit).toBe(first);
  });

  it('looks a commit up in the cache repository once, then remembers it is there', async () => {
    const source = new GitSource({ cacheDir });
    await source.resolveRevision(url, 'main');
    const reads = jest.spyOn(git, 'readObject');
    try {
      for (let i = 0; i < 3; i++) {
        expect((await source.resolveRevision(url, first)).commit).toBe(first);
        await source.resolveRevision(url, 'main');
      }
      expect(reads.mock.calls.filter(([args]) => args.oid === first)).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('names the missing revision and the branches that exist', async () => {
    const source = new GitSource({ cacheDir });
    const error = await source.resolveRevision(url, 'no-such-branch').catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.reason).toBe('revision-not-found');
    expect(error.message).toContain('no-such-branch');
    expect(error.message).toContain('main');
    expect(error.message).toContain('release');
  });

  it('costs a single ref listing, without fetch, when the remote is unchanged', async () => {
    const source = new GitSource({ cacheDir });
    await source.resolveRevision(url, 'main');
    const before = server.requests.length;
    await source.resolveRevision(url, 'main');
    const calls = server.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', service: 'git-upload-pack', status: 200 });
  });

  it('fetches again when the remote moved, and still reads the older commit', async () => {
    const { url: moving } = await server.createRepo('moving', { 'a.txt': 'one' });
    const source = new GitSource({ cacheDir });
    const one = (await source.resolveRevision(moving, 'main')).commit;
    const two = await server.commit('moving', { 'a.txt': 'two' });
    const before = server.requests.length;
    expect((await source.resolveRevision(moving, 'main')).commit).toBe(two);
    expect(server.requests.slice(before).some(r => r.method === 'POST')).toBe(true);
    expect((await source.readFile(moving, one, 'a.txt')).toString()).toBe('one');
    expect((await source.readFile(moving, two, 'a.txt')).toString()).toBe('two');
  });

  it('treats a ref the server cannot read (advertised at the null SHA) as absent', async () => {
    const { url: broken, dir } = await server.createRepo('broken-ref', { 'a.txt': 'one' });
    const release = await server.branch('broken-ref', 'release');
    const source = new GitSource({ cacheDir, recentRefsMaxAgeMs: 0 });
    expect((await source.resolveRevision(broken, 'main')).commit).toBe(release);
    // what a writer that rewrites the ref file in place leaves for an instant
    await fs.promises.writeFile(path.join(dir, 'refs', 'heads', 'main'), '');
    const error = await source.resolveRevision(broken, 'main').catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.reason).toBe('revision-not-found');
    expect(error.message).toContain('Revision "main" not found');
    expect(error.message).not.toContain('0000000000');
    expect((await source.resolveRevision(broken, 'release')).commit).toBe(release);
  });

  it('shares one fetch between concurrent requests for the same repository', async () => {
    const source = new GitSource({ cacheDir });
    const before = server.requests.length;
    const results = await Promise.all([
      source.resolveRevision(url, 'main'),
      source.resolveRevision(url, 'release'),
      source.resolveRevision(url, 'v1.0.0'),
    ]);
    expect(new Set(results.map(r => r.commit)).size).toBe(2);
    const posts = server.requests.slice(before).filter(r => r.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  describe('with callers that accept a recent answer (periodic refreshes)', () => {
    const listings = (since: number) =>
      server.requests.slice(since).filter(r => r.method === 'GET' && r.service === 'git-upload-pack').length;
    let now: number;
    const clock = () => now;
    beforeEach(() => {
      now = 1_000_000;
    });

    it('reuses a ref listing for the configured time, then lists again', async () => {
      const source = new GitSource({ cacheDir, now: clock, recentRefsMaxAgeMs: 3_000 });
      await source.resolveRevision(url, 'main'); // lists and fetches into the empty cache
      const before = server.requests.length;
      now += 3_000;
      expect(await source.resolveRevision(url, 'release', { acceptRecent: true })).toMatchObject({
        commit: await server.headOf('apps', 'release'),
      });
      expect(server.requests.length).toBe(before);
      now += 1;
      await source.resolveRevision(url, 'main', { acceptRecent: true });
      expect(listings(before)).toBe(1);
    });

    it('asks the remote for callers that need it as it is now, and keeps their answer for recent callers', async () => {
      const { url: moving } = await server.createRepo('moving-recent', { 'a.txt': 'one' });
      const source = new GitSource({ cacheDir, now: clock });
      const one = (await source.resolveRevision(moving, 'main', { acceptRecent: true })).commit;
      const two = await server.commit('moving-recent', { 'a.txt': 'two' });
      // a periodic refresh a moment after the push may still see the listing from before it
      expect((await source.resolveRevision(moving, 'main', { acceptRecent: true })).commit).toBe(one);
      // a push webhook, a user refresh or a sync asks the remote
      expect((await source.resolveRevision(moving, 'main')).commit).toBe(two);
      const before = server.requests.length;
      expect((await source.resolveRevision(moving, 'main', { acceptRecent: true })).commit).toBe(two);
      expect(server.requests.length).toBe(before);
    });

    it('gives a caller that needs the newest refs a listing asked for after it arrived, not one already under way', async () => {
      const { url: racing } = await server.createRepo('racing', { 'a.txt': 'one' });
      const one = await server.headOf('racing');
      // holds the answer of the next ref listing until released, as a slow network would
      let release!: () => void;
      let held!: () => void;
      const answerHeld = new Promise<void>(resolve => (held = resolve));
      let holdNext = false;
      const source = new GitSource({
        cacheDir,
        now: clock,
        http: {
          async request(req) {
            const response = await nodeHttp.request(req);
            if (holdNext && req.url.includes('/info/refs')) {
              holdNext = false;
              held();
              await new Promise<void>(resolve => (release = resolve));
            }
            return response;
          },
        },
      });
      await source.resolveRevision(racing, 'main'); // fills the cache
      holdNext = true;
      const periodic = source.resolveRevision(racing, 'main');
      await answerHeld; // the listing was answered before the push
      const two = await server.commit('racing', { 'a.txt': 'two' });
      const webhook = source.resolveRevision(racing, 'main'); // told about the push
      release();
      expect((await periodic).commit).toBe(one);
      expect((await webhook).commit).toBe(two);
    });

    it('lists every time when reuse is turned off', async () => {
      const source = new GitSource({ cacheDir, now: clock, recentRefsMaxAgeMs: 0 });
      await source.resolveRevision(url, 'main');
      const before = server.requests.length;
      await source.resolveRevision(url, 'main', { acceptRecent: true });
      await source.resolveRevision(url, 'main', { acceptRecent: true });
      expect(listings(before)).toBe(2);
    });
  });

  it('lists and reads files at a commit, refusing paths outside the repository', async () => {
    const source = new GitSource({ cacheDir });
    const { commit } = await source.resolveRevision(url, 'main');
    const files = await source.listFiles(url, commit);
    expect(files.map(f => f.path).sort()).toEqual(['README.md', 'app', 'app/cm.yaml']);
    expect((await source.readFile(url, commit, 'app/cm.yaml')).toString()).toBe(DEPLOY);
    const error = await source.readFile(url, commit, '../outside.yaml').catch(e => e);
    expect(error.reason).toBe('path-outside-repository');
  });

  it('materialises a read-only checkout of a commit', async () => {
    const source = new GitSource({ cacheDir });
    const { commit } = await source.resolveRevision(url, 'release');
    const checkout = await source.checkout(url, commit);
    const file = path.join(checkout.dir, 'app', 'cm.yaml');
    expect(await fs.promises.readFile(file, 'utf8')).toContain('name: b');
    expect((await fs.promises.stat(file)).mode & 0o222).toBe(0);
    expect((await fs.promises.stat(checkout.dir)).mode & 0o222).toBe(0);
    expect(checkout.refusedSymlinks).toEqual([]);
    const again = await new GitSource({ cacheDir }).checkout(url, commit);
    expect(again.dir).toBe(checkout.dir);
  });
});

describe('GitSource with credentials', () => {
  const auth = { username: 'deployer', password: 's3cr3t-pa55word' };
  let server: GitTestServer;
  let url: string;

  beforeAll(async () => {
    server = await GitTestServer.start({ auth });
    ({ url } = await server.createRepo('private', { 'a.yaml': DEPLOY }));
  });
  afterAll(() => server.stop());

  it('authenticates with credentials configured for a URL prefix', async () => {
    const source = new GitSource({
      cacheDir: await tmpDir('slipway-src-'),
      credentials: [{ url: server.baseUrl, ...auth }],
    });
    expect((await source.resolveRevision(url, 'main')).commit).toBe(await server.headOf('private'));
  });

  it('authenticates with a token', async () => {
    const source = new GitSource({
      cacheDir: await tmpDir('slipway-src-'),
      credentials: [{ url, username: auth.username, token: auth.password }],
    });
    expect((await source.resolveRevision(url, 'main')).commit).toBe(await server.headOf('private'));
  });

  it('reports failed authentication without leaking the credentials', async () => {
    const wrong = 'wr0ng-pa55word';
    const source = new GitSource({
      cacheDir: await tmpDir('slipway-src-'),
      credentials: [{ url: server.baseUrl, username: auth.username, password: wrong }],
    });
    const error = await source.resolveRevision(url, 'main').catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.reason).toBe('auth');
    expect(error.message).toContain(url);
    expect(error.message).not.toContain(wrong);

    const inUrl = url.replace('http://', `http://${auth.username}:${wrong}@`);
    const error2 = await new GitSource({ cacheDir: await tmpDir('slipway-src-') })
      .resolveRevision(inUrl, 'main')
      .catch(e => e);
    expect(error2.reason).toBe('auth');
    expect(error2.message).not.toContain(wrong);
    expect(error2.message).toContain('***@');
  });

  it('fails without credentials', async () => {
    const error = await new GitSource({ cacheDir: await tmpDir('slipway-src-') })
      .resolveRevision(url, 'main')
      .catch(e => e);
    expect(error.reason).toBe('auth');
  });
});

describe('GitSource with local repositories', () => {
  let repoDir: string;
  let outside: string;

  beforeAll(async () => {
    const base = await tmpDir('slipway-local-');
    repoDir = path.join(base, 'repo');
    outside = path.join(base, 'secret.txt');
    await fs.promises.writeFile(outside, 'top secret');
    const sh = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoDir,
        env: { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' },
      }).toString();
    await fs.promises.mkdir(path.join(repoDir, 'app'), { recursive: true });
    await fs.promises.writeFile(path.join(repoDir, 'app', 'cm.yaml'), DEPLOY);
    await fs.promises.symlink('cm.yaml', path.join(repoDir, 'app', 'inside.yaml'));
    await fs.promises.symlink(outside, path.join(repoDir, 'app', 'escape.txt'));
    await fs.promises.symlink('../../secret.txt', path.join(repoDir, 'app', 'climb.txt'));
    sh('init', '-q', '-b', 'main');
    sh('add', '.');
    sh('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
    sh('tag', 'v1');
  });

  it('reads a file:// repository in place, without fetching', async () => {
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    const fileUrl = pathToFileURL(repoDir).toString();
    const { commit } = await source.resolveRevision(fileUrl, 'HEAD');
    expect((await source.resolveRevision(fileUrl, 'v1')).commit).toBe(commit);
    expect((await source.resolveRevision(repoDir, 'main')).commit).toBe(commit);
    expect((await source.readFile(fileUrl, commit, 'app/inside.yaml')).toString()).toBe(DEPLOY);
  });

  it('treats a folder inside a repository as the repository root', async () => {
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    const appUrl = path.join(repoDir, 'app');
    const { commit } = await source.resolveRevision(appUrl, 'main');
    expect((await source.readFile(appUrl, commit, 'cm.yaml')).toString()).toBe(DEPLOY);
  });

  it('does not materialise symlinks that leave the repository, and reports them', async () => {
    const source = new GitSource({ cacheDir: await tmpDir('slipway-src-') });
    const { commit } = await source.resolveRevision(repoDir, 'main');
    const checkout = await source.checkout(repoDir, commit);
    expect(checkout.refusedSymlinks).toEqual(['app/climb.txt', 'app/escape.txt']);
    expect(fs.existsSync(path.join(checkout.dir, 'app', 'escape.txt'))).toBe(false);
    expect(await fs.promises.readFile(path.join(checkout.dir, 'app', 'inside.yaml'), 'utf8')).toBe(DEPLOY);
    const error = await source.readFile(repoDir, commit, 'app/climb.txt').catch(e => e);
    expect(error.reason).toBe('path-outside-repository');
    expect(error.message).toContain('app/climb.txt');
  });
});
