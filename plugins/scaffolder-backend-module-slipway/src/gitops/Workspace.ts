import type { CommitAuthor, FileChange } from './GitWorkspace';

/**
 * A working copy of a GitOps repository the actions change: files are
 * edited in `dir`, `changes` lists them, and `commitAndPush` publishes
 * them. Nothing reaches the repository before `commitAndPush`.
 */
export interface Workspace {
  readonly dir: string;
  readonly defaultBranch: string;
  remoteHasBranch(branch: string): Promise<boolean>;
  changes(): Promise<FileChange[]>;
  commitAndPush(options: { branch: string; message: string; author: CommitAuthor }): Promise<string>;
}
