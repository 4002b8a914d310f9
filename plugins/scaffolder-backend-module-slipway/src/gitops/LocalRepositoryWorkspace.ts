import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import type { CommitAuthor, FileChange } from './GitWorkspace';
import { resolveInside } from './repoPaths';
import { workingTreeChanges } from './workingTreeChanges';
import type { Workspace } from './Workspace';

/** Where a local repository keeps its objects and refs, and its work tree if it has one. */
interface LocalRepository {
  folder: string;
  gitdir: string;
  worktree?: string;
}

function locate(folder: string): LocalRepository {
  const dotGit = path.join(folder, '.git');
  const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return { folder, gitdir: dotGit, worktree: folder };
  if (stat) {
    throw new InputError(
      `the local repository ${folder} is a linked work tree or submodule (its .git is a file); ` +
        'point slipway.repositories[].localPath at the main repository',
    );
  }
  return { folder, gitdir: folder };
}

/**
 * A repository configured with a `localPath` that is a Git repository of
 * its own (a work tree or a bare repository). The engine reads it at the
 * requested revision, so a change only counts once committed there. The
 * actions edit a copy (the repository's `.git` copied into `dir` and its
 * checked-out branch checked out clean) and publish as a push would: the new
 * objects are copied back and the branch is moved, only if it did not move
 * meanwhile. When that branch is the one checked out in the repository's
 * work tree, the changed files and its index are updated too, so the work
 * tree stays clean and the catalog's `file` locations see the change.
 */
export class LocalRepositoryWorkspace implements Workspace {
  private constructor(
    private readonly repository: LocalRepository,
    readonly dir: string,
    readonly defaultBranch: string,
    /** The commit the copy started from. */
    readonly baseCommit: string,
  ) {}

  static async open(folder: string, dir: string): Promise<LocalRepositoryWorkspace> {
    const repository = locate(folder);
    const branch = await git.currentBranch({ fs, gitdir: repository.gitdir });
    if (!branch) {
      throw new InputError(
        `the local repository ${folder} has no branch checked out (detached HEAD); check out the branch to commit to`,
      );
    }
    const copy = path.join(dir, '.git');
    await fs.promises.cp(repository.gitdir, copy, { recursive: true });
    // The copy starts from the branch's commit, not from what is staged or edited in the repository.
    await fs.promises.rm(path.join(copy, 'index'), { force: true });
    await git.setConfig({ fs, dir, path: 'core.bare', value: false });
    await git.checkout({ fs, dir, ref: branch, force: true });
    const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
    return new LocalRepositoryWorkspace(repository, dir, branch, head);
  }

  async remoteHasBranch(branch: string): Promise<boolean> {
    return (await git.listBranches({ fs, gitdir: this.repository.gitdir })).includes(branch);
  }

  changes(): Promise<FileChange[]> {
    return workingTreeChanges(this.dir);
  }

  /**
   * Commits every change of the copy on `branch` (the checked-out branch, or
   * a new branch at the copied commit) and publishes it to the repository.
   * Refuses, changing nothing, when the branch moved since the copy was made
   * or the work tree has uncommitted edits of the files the commit changes.
   */
  async commitAndPush(options: { branch: string; message: string; author: CommitAuthor }): Promise<string> {
    const { branch, message, author } = options;
    const { folder, gitdir, worktree } = this.repository;
    const changes = await this.changes();
    if (changes.length === 0) {
      throw new InputError('nothing to commit: the change would leave the repository as it is');
    }
    const tip = await git.resolveRef({ fs, gitdir, ref: `refs/heads/${branch}` }).catch(() => undefined);
    if (branch === this.defaultBranch && tip !== this.baseCommit) {
      throw new ConflictError(
        `branch '${branch}' of the local repository ${folder} moved to ${tip ?? 'nothing'} while the change ` +
          'was prepared; run the template again to start from the new commit',
      );
    }
    if (branch !== this.defaultBranch && tip) {
      throw new ConflictError(`branch '${branch}' already exists in the local repository ${folder}; choose another name`);
    }
    const updateWorktree = worktree !== undefined && (await git.currentBranch({ fs, gitdir })) === branch;
    let targets: string[] = [];
    if (updateWorktree) {
      targets = await Promise.all(changes.map(c => resolveInside(worktree, c.path, 'changed file')));
      const edited = await uncommittedFiles(worktree, gitdir, changes);
      if (edited.length > 0) {
        throw new ConflictError(
          `the work tree of the local repository ${folder} has uncommitted changes of ${edited.join(', ')}; ` +
            'commit or discard them, then run the template again',
        );
      }
    }

    for (const change of changes) {
      if (change.action === 'delete') await git.remove({ fs, dir: this.dir, filepath: change.path });
      else await git.add({ fs, dir: this.dir, filepath: change.path });
    }
    if (branch !== this.defaultBranch) await git.branch({ fs, dir: this.dir, ref: branch, checkout: true });
    const sha = await git.commit({
      fs,
      dir: this.dir,
      message,
      author: { ...author, timestamp: Math.floor(Date.now() / 1000) },
    });

    // Objects first, then the branch: a reader never sees a commit whose objects are missing.
    await fs.promises.cp(path.join(this.dir, '.git', 'objects'), path.join(gitdir, 'objects'), {
      recursive: true,
      force: false,
      errorOnExist: false,
    });
    await git.writeRef({ fs, gitdir, ref: `refs/heads/${branch}`, value: sha, force: true });
    if (updateWorktree) {
      for (const [i, change] of changes.entries()) {
        const target = targets[i];
        if (change.action === 'delete') {
          await fs.promises.rm(target, { force: true });
          await git.remove({ fs, dir: worktree, gitdir, filepath: change.path });
        } else {
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          await fs.promises.copyFile(path.join(this.dir, ...change.path.split('/')), target);
          await git.add({ fs, dir: worktree, gitdir, filepath: change.path });
        }
      }
    }
    return sha;
  }
}

/** The changed files that differ, in the work tree or the index, from the work tree's HEAD. */
async function uncommittedFiles(worktree: string, gitdir: string, changes: FileChange[]): Promise<string[]> {
  const matrix = await git.statusMatrix({ fs, dir: worktree, gitdir, filepaths: changes.map(c => c.path) });
  return matrix
    .filter(([, head, workdir, stage]) => !(head === 1 && workdir === 1 && stage === 1))
    .map(([filepath]) => filepath)
    .sort();
}
