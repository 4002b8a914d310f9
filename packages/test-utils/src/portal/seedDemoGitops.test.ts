import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { findRepoRoot } from './repoRoot';
import { seedDemoGitops } from './seedDemoGitops';

describe('seedDemoGitops', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-seed-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a Git repository holding examples/gitops in one commit on main', async () => {
    const target = await seedDemoGitops(path.join(dir, 'gitops'));
    const [commit] = await git.log({ fs, dir: target });
    expect(commit.commit.message).toContain('seeded from examples/gitops');
    expect(await git.currentBranch({ fs, dir: target })).toBe('main');
    const committed = (await git.listFiles({ fs, dir: target })).sort();
    expect(committed).toContain('applicationsets/payments.yaml');
    expect(committed).toContain('catalog-info.yaml');
    const source = path.join(findRepoRoot(), 'examples/gitops');
    expect(fs.readFileSync(path.join(target, 'applicationsets/payments.yaml'), 'utf8')).toBe(
      fs.readFileSync(path.join(source, 'applicationsets/payments.yaml'), 'utf8'),
    );
    // a clean work tree: every file committed as it is on disk
    const matrix = await git.statusMatrix({ fs, dir: target });
    expect(matrix.filter(([, head, workdir, stage]) => head !== 1 || workdir !== 1 || stage !== 1)).toEqual([]);
  });

  it('keeps an existing repository and its history', async () => {
    const target = await seedDemoGitops(path.join(dir, 'gitops'));
    fs.writeFileSync(path.join(target, 'NOTES.md'), 'a change of the demo\n');
    await git.add({ fs, dir: target, filepath: 'NOTES.md' });
    const head = await git.commit({ fs, dir: target, message: 'a demo change', author: { name: 'a', email: 'a@example.com' } });
    await seedDemoGitops(target);
    expect(await git.resolveRef({ fs, dir: target, ref: 'HEAD' })).toBe(head);
  });
});
