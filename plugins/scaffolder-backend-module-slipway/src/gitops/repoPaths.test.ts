import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRepoFile, repoRelativePath, writeRepoFile } from './repoPaths';

describe('repoRelativePath', () => {
  it('normalises relative paths', () => {
    expect(repoRelativePath('./apps//payments/', 'path')).toBe('apps/payments');
    expect(repoRelativePath('apps/../apps/x', 'path')).toBe('apps/x');
  });

  it('refuses absolute paths, paths leaving the repository and .git', () => {
    expect(() => repoRelativePath('/etc/passwd', 'path')).toThrow("path '/etc/passwd' is not a path inside the repository");
    expect(() => repoRelativePath('apps/../../x', 'path')).toThrow("path 'apps/../../x' leaves the repository");
    expect(() => repoRelativePath('.git/config', 'path')).toThrow('points into .git');
  });
});

describe('reading and writing inside a working tree', () => {
  let root: string;
  let outside: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-repo-'));
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'slipway-outside-'));
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.symlink(outside, path.join(root, 'link'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('writes files and creates folders', async () => {
    await writeRepoFile(root, 'apps/x/values.yaml', 'a: 1\n', 'file');
    expect(await readRepoFile(root, 'apps/x/values.yaml', 'file')).toBe('a: 1\n');
  });

  it('refuses to follow a symbolic link out of the repository', async () => {
    await expect(readRepoFile(root, 'link/secret.txt', 'file')).rejects.toThrow(
      "file 'link/secret.txt' resolves outside the repository (through a symbolic link)",
    );
    await expect(writeRepoFile(root, 'link/new.txt', 'x', 'file')).rejects.toThrow('resolves outside the repository');
    await expect(fs.readdir(outside)).resolves.toEqual(['secret.txt']);
  });
});
