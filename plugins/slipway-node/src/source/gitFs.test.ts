import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitFs } from './gitFs';

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
