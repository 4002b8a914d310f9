import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkingTreeGitReader } from './WorkingTreeGitReader';

describe('WorkingTreeGitReader', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'worktree-'));
    for (const f of [
      'apps/a/kustomization.yaml',
      'apps/b/deep/config.json',
      'apps/.hidden/x.yaml',
      '.git/config',
      'top.yaml',
    ]) {
      await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await fs.writeFile(path.join(root, f), `file: ${f}`);
    }
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('lists directories matching a pattern, skipping hidden ones', async () => {
    const reader = new WorkingTreeGitReader(root);
    expect(await reader.listDirectories('any', 'HEAD', 'apps/*')).toEqual([
      'apps/a',
      'apps/b',
    ]);
    expect(await reader.listDirectories('any', 'HEAD', '*')).toEqual(['apps']);
    expect(await reader.listDirectories('any', 'HEAD', 'missing/*')).toEqual(
      [],
    );
  });

  it('reads matching files with their content', async () => {
    const reader = new WorkingTreeGitReader(root, {
      gitFileGlobbing: 'doublestar',
    });
    expect(
      await reader.readFiles('any', 'HEAD', 'apps/**/config.json'),
    ).toEqual([
      {
        path: 'apps/b/deep/config.json',
        content: 'file: apps/b/deep/config.json',
      },
    ]);
    expect(await reader.readFiles('any', 'HEAD', 'apps/*.yaml')).toEqual([]);
  });

  it('refuses patterns that leave the tree', async () => {
    const reader = new WorkingTreeGitReader(root);
    await expect(
      reader.readFiles('any', 'HEAD', '../*/x.yaml'),
    ).rejects.toThrow(/leaves the repository/);
  });
});
