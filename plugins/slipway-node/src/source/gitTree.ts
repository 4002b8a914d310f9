import path from 'node:path';
import git from 'isomorphic-git';
import { SourceError, type CommitDetails, type TreeEntry } from './Source';
import { gitFs, type GitFs } from './gitFs';

/** Where a repository's objects live, and which subtree is its root. */
export interface GitLocation {
  gitdir: string;
  /** `/`-separated subtree used as repository root ('' for the whole tree). */
  subdir: string;
  /** Redacted URL for messages. */
  label: string;
}

const MAX_SYMLINK_HOPS = 16;

function modeType(mode: string): TreeEntry['type'] {
  switch (mode) {
    case '040000':
      return 'directory';
    case '120000':
      return 'symlink';
    case '160000':
      return 'submodule';
    default:
      return 'file';
  }
}

/**
 * Normalises a repository-relative path (a leading `/` means the repository
 * root); refuses paths that climb out of the repository with `..`.
 */
export function normalizeRepoPath(p: string, label: string): string {
  const unix = p.replace(/\\/g, '/').replace(/^\/+/, '');
  const norm = path.posix.normalize(unix === '' ? '.' : unix);
  if (norm === '..' || norm.startsWith('../')) {
    throw new SourceError(
      'path-outside-repository',
      `Path "${p}" is outside the repository ${label}; use a path inside the repository`,
    );
  }
  return norm === '.' ? '' : norm.replace(/\/$/, '');
}

/** Does the object database hold `oid`? */
export async function hasObject(gitdir: string, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs: gitFs, gitdir, oid, format: 'deflated' });
    return true;
  } catch {
    return false;
  }
}

/** The oid of the tree that is the repository root at `commit`. */
export async function rootTreeOf(
  loc: GitLocation,
  commit: string,
  cache: object,
  fs: GitFs = gitFs,
): Promise<string> {
  const { commit: c } = await git.readCommit({ fs, gitdir: loc.gitdir, oid: commit, cache });
  if (!loc.subdir) {
    return c.tree;
  }
  const { oid } = await git.readTree({ fs, gitdir: loc.gitdir, oid: c.tree, filepath: loc.subdir, cache });
  return oid;
}

/** Author, message and date of a commit. */
export async function readCommitDetails(gitdir: string, oid: string, cache: object): Promise<CommitDetails> {
  const { oid: sha, commit } = await git.readCommit({ fs: gitFs, gitdir, oid, cache });
  const { name, email, timestamp } = commit.author;
  return {
    sha,
    author: email ? `${name} <${email}>` : name,
    message: commit.message.trimEnd(),
    date: new Date(timestamp * 1000).toISOString(),
  };
}

/** Visits every entry of a tree, depth first; `visit` returns false to skip a directory. */
export async function walkTree(
  gitdir: string,
  treeOid: string,
  prefix: string,
  cache: object,
  visit: (entry: TreeEntry & { oid: string }) => Promise<boolean | void>,
  fs: GitFs = gitFs,
): Promise<void> {
  const { tree } = await git.readTree({ fs, gitdir, oid: treeOid, cache });
  for (const e of tree) {
    const entryPath = prefix ? `${prefix}/${e.path}` : e.path;
    const entry = { path: entryPath, mode: e.mode, type: modeType(e.mode), oid: e.oid };
    const descend = await visit(entry);
    if (entry.type === 'directory' && descend !== false) {
      await walkTree(gitdir, e.oid, entryPath, cache, visit, fs);
    }
  }
}

interface Located {
  oid: string;
  mode: string;
  path: string;
}

async function lookupOnce(
  gitdir: string,
  rootTree: string,
  repoPath: string,
  cache: object,
): Promise<{ found?: Located; symlinkAt?: { path: string; oid: string; rest: string[] } }> {
  const parts = repoPath === '' ? [] : repoPath.split('/');
  let current: Located = { oid: rootTree, mode: '040000', path: '' };
  for (let i = 0; i < parts.length; i++) {
    if (current.mode !== '040000') {
      return {};
    }
    const { tree } = await git.readTree({ fs: gitFs, gitdir, oid: current.oid, cache });
    const next = tree.find(e => e.path === parts[i]);
    if (!next) {
      return {};
    }
    const nextPath = parts.slice(0, i + 1).join('/');
    if (next.mode === '120000') {
      return { symlinkAt: { path: nextPath, oid: next.oid, rest: parts.slice(i + 1) } };
    }
    current = { oid: next.oid, mode: next.mode, path: nextPath };
  }
  return { found: current };
}

/**
 * Finds a path in a tree, following symlinks as long as they stay inside the
 * repository. Returns undefined when the path does not exist.
 */
export async function lookupPath(
  loc: GitLocation,
  rootTree: string,
  repoPath: string,
  cache: object,
): Promise<Located | undefined> {
  let wanted = normalizeRepoPath(repoPath, loc.label);
  for (let hop = 0; hop <= MAX_SYMLINK_HOPS; hop++) {
    const { found, symlinkAt } = await lookupOnce(loc.gitdir, rootTree, wanted, cache);
    if (found) {
      return found;
    }
    if (!symlinkAt) {
      return undefined;
    }
    const { blob } = await git.readBlob({ fs: gitFs, gitdir: loc.gitdir, oid: symlinkAt.oid, cache });
    const target = Buffer.from(blob).toString('utf8');
    const joined = path.posix.normalize(
      path.posix.join(path.posix.dirname(symlinkAt.path), target, ...symlinkAt.rest),
    );
    if (target.startsWith('/') || joined === '..' || joined.startsWith('../')) {
      throw new SourceError(
        'path-outside-repository',
        `Symlink "${symlinkAt.path}" in ${loc.label} points outside the repository ("${target}"); ` +
          'replace it with a link inside the repository or a regular file',
      );
    }
    wanted = joined === '.' ? '' : joined;
  }
  throw new SourceError(
    'path-outside-repository',
    `Path "${repoPath}" in ${loc.label} goes through more than ${MAX_SYMLINK_HOPS} symlinks`,
  );
}
