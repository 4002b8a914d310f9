import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import git from 'isomorphic-git';
import path from 'node:path';
import type { CommitAuthor, FileChange } from './GitWorkspace';
import { resolveInside } from './repoPaths';
import type { Workspace } from './Workspace';
import { workingTreeChanges } from './workingTreeChanges';

const BRANCH = 'main';

/**
 * A repository served from a plain local folder (`slipway.repositories[]`
 * `localPath` that is not a Git repository, as the demo's examples/gitops):
 * the engine and the catalog read such a folder as it is on disk, so
 * "publishing" writes the changed files back into it. The copy in `dir` is
 * a throwaway Git repository only to list the changes.
 */
export class LocalFolderWorkspace implements Workspace {
  readonly defaultBranch = BRANCH;

  private constructor(readonly folder: string, readonly dir: string) {}

  static async open(folder: string, dir: string): Promise<LocalFolderWorkspace> {
    await fs.promises.cp(folder, dir, {
      recursive: true,
      filter: source => !source.split(/[\\/]/).includes('.git'),
    });
    await git.init({ fs, dir, defaultBranch: BRANCH });
    const matrix = await git.statusMatrix({ fs, dir });
    for (const [filepath] of matrix) await git.add({ fs, dir, filepath });
    await git.commit({
      fs,
      dir,
      message: 'snapshot',
      author: { name: 'slipway', email: 'slipway@localhost', timestamp: 0 },
    });
    return new LocalFolderWorkspace(folder, dir);
  }

  async remoteHasBranch(): Promise<boolean> {
    return false;
  }

  changes(): Promise<FileChange[]> {
    return workingTreeChanges(this.dir);
  }

  /** Writes the changes into the folder; there is no commit, so the SHA is empty. */
  async commitAndPush(options: { branch: string; message: string; author: CommitAuthor }): Promise<string> {
    if (options.branch !== BRANCH) {
      throw new InputError(
        `the repository is the local folder ${this.folder}, which has no branches; leave the branch empty`,
      );
    }
    for (const change of await this.changes()) {
      const target = await resolveInside(this.folder, change.path, 'changed file');
      if (change.action === 'delete') {
        await fs.promises.rm(target, { force: true });
      } else {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.copyFile(await resolveInside(this.dir, change.path, 'changed file'), target);
      }
    }
    return '';
  }
}
