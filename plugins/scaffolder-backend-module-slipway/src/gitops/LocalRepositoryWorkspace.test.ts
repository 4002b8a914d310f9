import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalRepositoryWorkspace } from './LocalRepositoryWorkspace';

const AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.com' };
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Grace Hopper',
  GIT_AUTHOR_EMAIL: 'grace@example.com',
  GIT_COMMITTER_NAME: 'Grace Hopper',
  GIT_COMMITTER_EMAIL: 'grace@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

describe('LocalRepositoryWorkspace', () => {
  const folders: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-local-repo-'));
    folders.push(dir);
    return dir;
  };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

  /** A work tree on `main` with two committed files. */
  const repository = () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(path.join(dir, 'apps/dev.yaml'), 'env: dev\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# GitOps\n');
    git(dir, 'init', '--quiet', '--initial-branch=main');
    git(dir, 'add', '--all');
    git(dir, 'commit', '--quiet', '-m', 'first');
    return dir;
  };
  /** Opens a workspace of `repo` and makes the change of a new qa environment in it. */
  const openWithChange = async (repo: string) => {
    const workspace = await LocalRepositoryWorkspace.open(repo, tempDir());
    fs.writeFileSync(path.join(workspace.dir, 'apps/qa.yaml'), 'env: qa\n');
    fs.writeFileSync(path.join(workspace.dir, 'README.md'), '# GitOps\n\nNow with qa.\n');
    return workspace;
  };

  afterEach(() => {
    for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits on the checked-out branch and leaves the work tree clean with the new files', async () => {
    const repo = repository();
    const before = git(repo, 'rev-parse', 'HEAD');
    const workspace = await openWithChange(repo);
    expect(workspace.defaultBranch).toBe('main');
    expect(await workspace.changes()).toEqual([
      { path: 'README.md', action: 'modify' },
      { path: 'apps/qa.yaml', action: 'create' },
    ]);

    const sha = await workspace.commitAndPush({ branch: 'main', message: 'Add qa', author: AUTHOR });

    expect(git(repo, 'rev-parse', 'main')).toBe(sha);
    expect(git(repo, 'rev-parse', `${sha}^`)).toBe(before);
    expect(git(repo, 'log', '-1', '--format=%an <%ae> %s', sha)).toBe('Ada Lovelace <ada@example.com> Add qa');
    expect(git(repo, 'diff-tree', '--no-commit-id', '--name-status', '-r', sha).split('\n')).toEqual([
      'M\tREADME.md',
      'A\tapps/qa.yaml',
    ]);
    expect(git(repo, 'fsck', '--no-progress')).toBe('');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo, 'apps/qa.yaml'), 'utf8')).toBe('env: qa\n');
  });

  it('commits a new branch without touching the checked-out branch or the work tree', async () => {
    const repo = repository();
    const before = git(repo, 'rev-parse', 'HEAD');
    const workspace = await openWithChange(repo);
    expect(await workspace.remoteHasBranch('add-qa')).toBe(false);

    const sha = await workspace.commitAndPush({ branch: 'add-qa', message: 'Add qa', author: AUTHOR });

    expect(git(repo, 'rev-parse', 'add-qa')).toBe(sha);
    expect(git(repo, 'rev-parse', 'main')).toBe(before);
    expect(git(repo, 'show', `${sha}:apps/qa.yaml`)).toBe('env: qa');
    expect(fs.existsSync(path.join(repo, 'apps/qa.yaml'))).toBe(false);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(await workspace.remoteHasBranch('add-qa')).toBe(true);
  });

  it('commits to a bare repository', async () => {
    const source = repository();
    const bare = path.join(tempDir(), 'gitops.git');
    git(source, 'clone', '--quiet', '--bare', source, bare);
    const workspace = await openWithChange(bare);

    const sha = await workspace.commitAndPush({ branch: 'main', message: 'Add qa', author: AUTHOR });

    expect(git(bare, 'rev-parse', 'main')).toBe(sha);
    expect(git(bare, 'show', `${sha}:apps/qa.yaml`)).toBe('env: qa');
  });

  it('starts from the last commit, not from what is edited or staged in the work tree', async () => {
    const repo = repository();
    fs.writeFileSync(path.join(repo, 'apps/dev.yaml'), 'env: dev\nreplicas: 9\n');
    git(repo, 'add', 'apps/dev.yaml');
    const workspace = await LocalRepositoryWorkspace.open(repo, tempDir());
    expect(fs.readFileSync(path.join(workspace.dir, 'apps/dev.yaml'), 'utf8')).toBe('env: dev\n');
    expect(await workspace.changes()).toEqual([]);
  });

  it('refuses, changing nothing, when the work tree has uncommitted edits of a file the commit changes', async () => {
    const repo = repository();
    const before = git(repo, 'rev-parse', 'HEAD');
    const workspace = await openWithChange(repo);
    fs.writeFileSync(path.join(repo, 'README.md'), '# My notes\n');

    await expect(workspace.commitAndPush({ branch: 'main', message: 'Add qa', author: AUTHOR })).rejects.toThrow(
      `the work tree of the local repository ${repo} has uncommitted changes of README.md; commit or discard them, then run the template again`,
    );
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(before);
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# My notes\n');
    expect(fs.existsSync(path.join(repo, 'apps/qa.yaml'))).toBe(false);
  });

  it('refuses, changing nothing, when the branch moved since the copy was made', async () => {
    const repo = repository();
    const workspace = await openWithChange(repo);
    fs.writeFileSync(path.join(repo, 'apps/prod.yaml'), 'env: prod\n');
    git(repo, 'add', 'apps/prod.yaml');
    git(repo, 'commit', '--quiet', '-m', 'prod');
    const moved = git(repo, 'rev-parse', 'HEAD');

    await expect(workspace.commitAndPush({ branch: 'main', message: 'Add qa', author: AUTHOR })).rejects.toThrow(
      `branch 'main' of the local repository ${repo} moved to ${moved} while the change was prepared; run the template again`,
    );
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(moved);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses a repository with no branch checked out', async () => {
    const repo = repository();
    git(repo, 'checkout', '--quiet', '--detach');
    await expect(LocalRepositoryWorkspace.open(repo, tempDir())).rejects.toThrow(
      `the local repository ${repo} has no branch checked out (detached HEAD); check out the branch to commit to`,
    );
  });
});
