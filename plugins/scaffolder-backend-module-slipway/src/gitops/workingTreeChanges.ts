import fs from 'node:fs';
import git from 'isomorphic-git';
import type { FileChange } from './GitWorkspace';

/**
 * Files of a working copy changed since its HEAD commit (untracked ones
 * included), sorted by path: what a commit of the working copy would hold.
 */
export async function workingTreeChanges(dir: string): Promise<FileChange[]> {
  const matrix = await git.statusMatrix({ fs, dir });
  const out: FileChange[] = [];
  for (const [filepath, head, workdir] of matrix) {
    if (head === 0 && workdir === 2) out.push({ path: filepath, action: 'create' });
    else if (head === 1 && workdir === 0) out.push({ path: filepath, action: 'delete' });
    else if (head === 1 && workdir === 2) out.push({ path: filepath, action: 'modify' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
