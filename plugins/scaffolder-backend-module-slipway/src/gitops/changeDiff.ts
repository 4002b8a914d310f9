import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { FileChange } from './GitWorkspace';
import { resolveInside } from './repoPaths';

/** The file's content in the working copy's HEAD commit. */
async function committedContent(dir: string, filepath: string): Promise<Uint8Array> {
  const oid = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  return (await git.readBlob({ fs, dir, oid, filepath })).blob;
}

/** Git treats a file holding a NUL byte as binary; a line diff of it says nothing. */
const isBinary = (content: Uint8Array) => content.includes(0);

/**
 * The unified diff of one changed file of a working copy against the
 * working copy's HEAD commit, i.e. the repository as it is: `git diff`
 * style, with `a/` and `b/` paths and `/dev/null` for a created or deleted
 * file, three lines of context. Binary files get git's one-line notice.
 */
export async function diffOfChange(dir: string, change: FileChange): Promise<string> {
  const before = change.action === 'create' ? new Uint8Array() : await committedContent(dir, change.path);
  const after =
    change.action === 'delete'
      ? new Uint8Array()
      : await fs.promises.readFile(await resolveInside(dir, change.path, 'changed file'));
  const oldName = change.action === 'create' ? '/dev/null' : `a/${change.path}`;
  const newName = change.action === 'delete' ? '/dev/null' : `b/${change.path}`;
  if (isBinary(before) || isBinary(after)) return `Binary files ${oldName} and ${newName} differ\n`;
  const text = (content: Uint8Array) => Buffer.from(content).toString('utf8');
  return createTwoFilesPatch(oldName, newName, text(before), text(after), undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
