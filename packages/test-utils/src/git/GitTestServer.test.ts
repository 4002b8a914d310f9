import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { GitTestServer } from './GitTestServer';

const execFileAsync = promisify(execFile);

jest.setTimeout(30_000);

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

describe('GitTestServer', () => {
  let server: GitTestServer;
  let work: string;

  beforeEach(async () => {
    server = await GitTestServer.start();
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-git-client-'));
  });

  afterEach(async () => {
    await server.stop();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves repositories created with files to isomorphic-git clones', async () => {
    const { url } = await server.createRepo('apps', {
      'README.md': 'hello\n',
      'apps/guestbook/kustomization.yaml': 'resources: []\n',
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apps\.git$/);

    const dir = path.join(work, 'clone');
    await git.clone({ fs, http, dir, url, singleBranch: true });

    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('hello\n');
    expect(fs.readFileSync(path.join(dir, 'apps/guestbook/kustomization.yaml'), 'utf8')).toBe(
      'resources: []\n',
    );
    expect(await git.resolveRef({ fs, dir, ref: 'HEAD' })).toBe(await server.headOf('apps'));
    expect(await git.currentBranch({ fs, dir })).toBe('main');
    expect(server.requests.map(r => r.service)).toContain('git-upload-pack');
  });

  it('makes server-side commits visible to fetch: changed, added and deleted files', async () => {
    const { url } = await server.createRepo('apps', { 'a.yaml': 'a: 1\n', 'dir/b.yaml': 'b: 1\n' });
    const dir = path.join(work, 'clone');
    await git.clone({ fs, http, dir, url });

    const sha = await server.commit(
      'apps',
      { 'a.yaml': 'a: 2\n', 'dir/b.yaml': null, 'c.yaml': 'c: 1\n' },
      { message: 'change a, drop b, add c', author: { name: 'Ada', email: 'ada@example.com' } },
    );
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await server.headOf('apps', 'main')).toBe(sha);

    const fetched = await git.fetch({ fs, http, dir, url, ref: 'main' });
    expect(fetched.fetchHead).toBe(sha);
    const { commit } = await git.readCommit({ fs, dir, oid: sha });
    expect(commit.message).toBe('change a, drop b, add c\n');
    expect(commit.author.name).toBe('Ada');
    expect(commit.parent).toHaveLength(1);

    const files = await git.listFiles({ fs, dir, ref: sha });
    expect(files.sort()).toEqual(['a.yaml', 'c.yaml']);
    const { blob } = await git.readBlob({ fs, dir, oid: sha, filepath: 'a.yaml' });
    expect(Buffer.from(blob).toString('utf8')).toBe('a: 2\n');
  });

  it('accepts pushes from isomorphic-git', async () => {
    const { url } = await server.createRepo('apps', { 'a.yaml': 'a: 1\n' });
    const dir = path.join(work, 'clone');
    await git.clone({ fs, http, dir, url });
    fs.writeFileSync(path.join(dir, 'pushed.yaml'), 'pushed: true\n');
    await git.add({ fs, dir, filepath: 'pushed.yaml' });
    const local = await git.commit({
      fs,
      dir,
      message: 'from a client',
      author: { name: 'Client', email: 'client@example.com' },
    });

    const result = await git.push({ fs, http, dir, url, ref: 'main' });

    expect(result.ok).toBe(true);
    expect(await server.headOf('apps')).toBe(local);
    expect(server.requests.some(r => r.service === 'git-receive-pack' && r.method === 'POST')).toBe(
      true,
    );
  });

  it('creates branches and lightweight and annotated tags that remotes advertise', async () => {
    const { url } = await server.createRepo('apps', { 'a.yaml': 'v1\n' });
    const v1 = await server.headOf('apps');
    await server.tag('apps', 'v1.0.0');
    await server.tag('apps', 'v1.0.0-annotated', v1, { message: 'release 1' });
    await server.branch('apps', 'staging');
    const v2 = await server.commit('apps', { 'a.yaml': 'v2\n' }, { branch: 'staging', message: 'v2' });

    const refs = await git.listServerRefs({ http, url, peelTags: true });
    const byRef = Object.fromEntries(refs.map(r => [r.ref, r]));
    expect(byRef['refs/heads/main'].oid).toBe(v1);
    expect(byRef['refs/heads/staging'].oid).toBe(v2);
    expect(byRef['refs/tags/v1.0.0'].oid).toBe(v1);
    // An annotated tag is its own object whose peeled target is the commit.
    expect(byRef['refs/tags/v1.0.0-annotated'].oid).not.toBe(v1);
    expect(byRef['refs/tags/v1.0.0-annotated'].peeled).toBe(v1);
    expect(await server.resolve('apps', 'v1.0.0-annotated')).toBe(v1);
  });

  it('serves the git CLI for clone and push', async () => {
    const { url } = await server.createRepo('cli', { 'a.txt': 'one\n' });
    const dir = path.join(work, 'cli-clone');
    await execFileAsync('git', ['clone', '--quiet', url, dir], { env: gitEnv });
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('one\n');

    fs.writeFileSync(path.join(dir, 'b.txt'), 'two\n');
    const run = (...args: string[]) => execFileAsync('git', ['-C', dir, ...args], { env: gitEnv });
    await run('add', 'b.txt');
    await run('-c', 'user.name=CLI', '-c', 'user.email=cli@example.com', 'commit', '-q', '-m', 'b');
    await run('push', '--quiet', 'origin', 'main');
    const { stdout } = await run('rev-parse', 'HEAD');

    expect(await server.headOf('cli')).toBe(stdout.trim());
  });

  it('decompresses gzip-encoded request bodies before handing them to git', async () => {
    const { url } = await server.createRepo('apps', { 'a.yaml': 'a\n' });
    const want = await server.headOf('apps');
    const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    const body = `${pkt(`want ${want}\n`)}0000${pkt('done\n')}`;

    const response = await fetch(`${url}/git-upload-pack`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-git-upload-pack-request',
        'Content-Encoding': 'gzip',
      },
      body: zlib.gzipSync(Buffer.from(body)),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-git-upload-pack-result');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('0008NAK\n');
    expect(bytes.includes(Buffer.from('PACK'))).toBe(true);
  });

  it('answers 404 for a repository that does not exist', async () => {
    const response = await fetch(`${server.urlOf('missing')}/info/refs?service=git-upload-pack`);
    expect(response.status).toBe(404);
  });

  it('explains mistakes in helper calls', async () => {
    await expect(server.commit('nope', { a: 'b' })).rejects.toThrow(
      /repository "nope" does not exist; create it first/,
    );
    await server.createRepo('apps');
    await expect(server.createRepo('apps')).rejects.toThrow(/already exists/);
    await expect(server.commit('apps', { '../escape': 'x' })).rejects.toThrow(/invalid file path/);
    await expect(server.createRepo('../escape')).rejects.toThrow(/invalid repository name/);
    await expect(server.branch('apps', 'b', 'no-such-ref')).rejects.toThrow(/not a branch, tag or commit/);
  });
});

describe('GitTestServer with basic auth', () => {
  let server: GitTestServer;
  let work: string;

  beforeEach(async () => {
    server = await GitTestServer.start({ auth: { username: 'robot', password: 's3cret' } });
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-git-client-'));
  });

  afterEach(async () => {
    await server.stop();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  it('challenges requests without credentials with 401 and WWW-Authenticate: Basic', async () => {
    const { url } = await server.createRepo('private', { 'a.yaml': 'a\n' });
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('rejects wrong credentials and accepts the right ones (isomorphic-git)', async () => {
    const { url } = await server.createRepo('private', { 'a.yaml': 'a\n' });
    let failures = 0;

    await expect(
      git.clone({
        fs,
        http,
        dir: path.join(work, 'wrong'),
        url,
        onAuth: () => ({ username: 'robot', password: 'wrong' }),
        onAuthFailure: () => {
          failures += 1;
          return undefined; // give up, do not retry
        },
      }),
    ).rejects.toMatchObject({ code: 'HttpError', data: { statusCode: 401 } });
    expect(failures).toBe(1);

    const dir = path.join(work, 'right');
    await git.clone({ fs, http, dir, url, onAuth: () => ({ username: 'robot', password: 's3cret' }) });
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('a\n');
  });

  it('lets the git CLI clone with credentials in the URL', async () => {
    await server.createRepo('private', { 'a.yaml': 'a\n' });
    const dir = path.join(work, 'cli');
    await execFileAsync('git', ['clone', '--quiet', server.authenticatedUrlOf('private'), dir], {
      env: gitEnv,
    });
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('a\n');
  });
});
