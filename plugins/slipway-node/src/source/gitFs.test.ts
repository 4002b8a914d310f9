import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitFs, objectReadingGitFs } from './gitFs';

describe('gitFs', () => {
  it("answers isomorphic-git's promise probe (readFile without a path) without an error", async () => {
    const probe = gitFs.promises.readFile as () => Promise<unknown>;
    await expect(probe()).resolves.toBeUndefined();
  });

  it('reads and writes files as fs.promises does, errors included', async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitfs-'));
    try {
      await gitFs.promises.writeFile(path.join(dir, 'a.txt'), 'hello');
      expect(await gitFs.promises.readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('hello');
      await expect(gitFs.promises.readFile(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });

  it('serves isomorphic-git: a repository initialised, written and read through it', async () => {
    const gitdir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitfs-repo-'));
    try {
      await git.init({ fs: gitFs, dir: gitdir, bare: true });
      const oid = await git.writeBlob({ fs: gitFs, gitdir, blob: Buffer.from('kind: ConfigMap\n') });
      const { blob } = await git.readBlob({ fs: gitFs, gitdir, oid });
      expect(Buffer.from(blob).toString('utf8')).toBe('kind: ConfigMap\n');
    } finally {
      await fs.promises.rm(gitdir, { recursive: true, force: true });
    }
  });
});

describe('objectReadingGitFs', () => {
  let gitdir: string;
  let oid: string;

  beforeAll(async () => {
    gitdir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitfs-objects-'));
    await git.init({ fs: gitFs, dir: gitdir, bare: true });
    oid = await git.writeBlob({ fs: gitFs, gitdir, blob: Buffer.from('kind: Service\n') });
  });
  afterAll(() => fs.promises.rm(gitdir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('lets isomorphic-git read objects, loose ones included', async () => {
    const { blob } = await git.readBlob({ fs: objectReadingGitFs(), gitdir, oid });
    expect(Buffer.from(blob).toString('utf8')).toBe('kind: Service\n');
  });

  it('answers a loose object in a missing fan-out folder with ENOENT without opening it', async () => {
    const readFile = jest.spyOn(fs.promises, 'readFile');
    const missing = `${gitdir}/objects/${oid.startsWith('00') ? '01' : '00'}/${'0'.repeat(38)}`;
    await expect(objectReadingGitFs().promises.readFile(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('lists a folder and checks a path once, handing out copies of the listing', async () => {
    const readdir = jest.spyOn(fs.promises, 'readdir');
    const stat = jest.spyOn(fs.promises, 'stat');
    const objects = objectReadingGitFs();
    const first = await objects.promises.readdir(`${gitdir}/objects`);
    first.push('changed by the caller');
    expect(await objects.promises.readdir(`${gitdir}/objects`)).toContain(oid.slice(0, 2));
    expect(await objects.promises.readdir(`${gitdir}/objects`)).not.toContain('changed by the caller');
    await objects.promises.stat(gitdir);
    await objects.promises.stat(gitdir);
    expect(readdir).toHaveBeenCalledTimes(1);
    expect(stat).toHaveBeenCalledTimes(1);
    // a new one looks again
    await objectReadingGitFs().promises.readdir(`${gitdir}/objects`);
    expect(readdir).toHaveBeenCalledTimes(2);
  });
});
