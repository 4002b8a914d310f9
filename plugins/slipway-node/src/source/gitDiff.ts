import git from 'isomorphic-git';
import { gitFs, type GitFs } from './gitFs';

interface Entry {
  mode: string;
  oid: string;
}

async function entriesOf(
  gitdir: string,
  oid: string | undefined,
  cache: object,
  fs: GitFs,
): Promise<Map<string, Entry>> {
  if (!oid) return new Map();
  const { tree } = await git.readTree({ fs, gitdir, oid, cache });
  return new Map(tree.map(e => [e.path, { mode: e.mode, oid: e.oid }]));
}

const isTree = (e: Entry | undefined) => e?.mode === '040000';

/**
 * The paths of the files that differ between two trees, as `git diff
 * --name-only` lists them: added, removed and changed files (a folder on
 * one side lists every file under it). Subtrees with the same object id on
 * both sides are not read, so a commit that touches one folder of a large
 * repository costs the folders on its way.
 */
export async function changedPaths(
  gitdir: string,
  before: string | undefined,
  after: string | undefined,
  cache: object,
  prefix = '',
  fs: GitFs = gitFs,
): Promise<string[]> {
  if (before === after) return [];
  const [a, b] = await Promise.all([
    entriesOf(gitdir, before, cache, fs),
    entriesOf(gitdir, after, cache, fs),
  ]);
  const out: string[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name);
    const y = b.get(name);
    if (x && y && x.oid === y.oid && x.mode === y.mode) continue;
    const at = prefix ? `${prefix}/${name}` : name;
    if (isTree(x) || isTree(y)) {
      out.push(
        ...(await changedPaths(
          gitdir,
          isTree(x) ? x!.oid : undefined,
          isTree(y) ? y!.oid : undefined,
          cache,
          at,
          fs,
        )),
      );
    }
    // a file on either side (or a file replaced by a folder, or the reverse)
    if ((x && !isTree(x)) || (y && !isTree(y))) out.push(at);
  }
  return out.sort();
}
