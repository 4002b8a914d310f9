import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { SourceError, type TreeEntry } from './Source';
import { rootTreeOf, walkTree, type GitLocation } from './gitTree';
import { objectReadingGitFs } from './gitFs';

/** Limits on what one checkout may hold. */
export interface CheckoutLimits {
  maxFiles: number;
  maxBytes: number;
}

interface SidecarInfo {
  refusedSymlinks: string[];
}

/** Is `child` the folder `parent` or inside it? Both must be absolute and resolved. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * File-system calls in flight while a checkout is written. Each call is a
 * round trip through libuv's thread pool; one at a time left the engine
 * idle for most of a large checkout.
 */
const WRITE_CONCURRENCY = 16;

/** Runs `work` over `items`, `width` at a time; waits for every started call before rethrowing the first failure. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) {
    throw failure.error;
  }
}

interface WrittenTree {
  /** Folders, parents before children (relative, `/`-separated). */
  dirs: string[];
  symlinks: string[];
}

/**
 * Writes the tree of `commit` below `target`: folders first (parents before
 * children), then files and symlinks several at a time. Files are created
 * read-only (0444, or 0555 when executable); folders stay writable until
 * makeReadOnly, so refused symlinks can still be removed.
 */
async function writeTree(
  loc: GitLocation,
  commit: string,
  target: string,
  limits: CheckoutLimits,
): Promise<WrittenTree> {
  const cache = {};
  const gitFs = objectReadingGitFs();
  const rootTree = await rootTreeOf(loc, commit, cache, gitFs);
  const dirs: string[] = [];
  const blobs: Array<TreeEntry & { oid: string }> = [];
  await walkTree(loc.gitdir, rootTree, '', cache, async entry => {
    if (entry.type === 'directory') {
      dirs.push(entry.path);
      return true;
    }
    if (entry.type === 'submodule') {
      return false;
    }
    if (blobs.length >= limits.maxFiles) {
      throw new SourceError(
        'limit-exceeded',
        `Commit ${commit} of ${loc.label} has more than ${limits.maxFiles} files; ` +
          'raise the checkout file limit or split the repository',
      );
    }
    blobs.push(entry);
    return undefined;
  }, gitFs);
  const destOf = (rel: string) => path.join(target, ...rel.split('/'));
  // A folder's parent is one level up: each level at once, in parallel.
  const levels: string[][] = [];
  for (const dir of dirs) {
    (levels[dir.split('/').length - 1] ??= []).push(dir);
  }
  for (const level of levels) {
    await inParallel(level, WRITE_CONCURRENCY, async dir => {
      await fs.promises.mkdir(destOf(dir));
    });
  }
  const symlinks: string[] = [];
  let bytes = 0;
  await inParallel(blobs, WRITE_CONCURRENCY, async entry => {
    const { blob } = await git.readBlob({ fs: gitFs, gitdir: loc.gitdir, oid: entry.oid, cache });
    bytes += blob.byteLength;
    if (bytes > limits.maxBytes) {
      throw new SourceError(
        'limit-exceeded',
        `Commit ${commit} of ${loc.label} holds more than ${limits.maxBytes} bytes; ` +
          'raise the checkout size limit or split the repository',
      );
    }
    if (entry.type === 'symlink') {
      await fs.promises.symlink(Buffer.from(blob).toString('utf8'), destOf(entry.path));
      symlinks.push(entry.path);
    } else {
      await fs.promises.writeFile(destOf(entry.path), blob, { mode: entry.mode === '100755' ? 0o555 : 0o444 });
    }
  });
  return { dirs, symlinks };
}

/**
 * Removes symlinks that resolve outside `root` or do not resolve at all, until
 * every remaining symlink resolves inside. Returns the removed ones.
 */
async function removeOutOfBoundsSymlinks(root: string, symlinks: string[]): Promise<string[]> {
  const refused: string[] = [];
  let remaining = symlinks;
  for (let changed = true; changed; ) {
    changed = false;
    const keep: string[] = [];
    for (const link of remaining) {
      const full = path.join(root, ...link.split('/'));
      let ok = false;
      try {
        ok = isInside(root, await fs.promises.realpath(full));
      } catch {
        ok = false;
      }
      if (ok) {
        keep.push(link);
      } else {
        await fs.promises.unlink(full);
        refused.push(link);
        changed = true;
      }
    }
    remaining = keep;
  }
  return refused.sort();
}

/** Makes the folders of a written tree read-only (its files were created read-only). */
async function makeReadOnly(root: string, dirs: string[]): Promise<void> {
  await inParallel(dirs, WRITE_CONCURRENCY, dir =>
    fs.promises.chmod(path.join(root, ...dir.split('/')), 0o555),
  );
  await fs.promises.chmod(root, 0o555);
}

async function makeWritable(dir: string): Promise<void> {
  await fs.promises.chmod(dir, 0o755).catch(() => undefined);
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) {
      await makeWritable(path.join(dir, entry.name));
    }
  }
}

/** Deletes a (read-only) checkout folder. */
export async function removeCheckoutDir(dir: string): Promise<void> {
  await makeWritable(dir);
  await fs.promises.rm(dir, { recursive: true, force: true });
}

/**
 * Writes the tree of `commit` into `dest` (a read-only folder) unless it is
 * already there. Writes go to a temporary sibling that is renamed into place,
 * so a half-written checkout is never visible.
 */
export async function materializeCheckout(
  loc: GitLocation,
  commit: string,
  dest: string,
  limits: CheckoutLimits,
): Promise<{ dir: string; refusedSymlinks: string[] }> {
  const sidecar = `${dest}.json`;
  const existing = await readSidecar(dest, sidecar);
  if (existing) {
    return { dir: await fs.promises.realpath(dest), refusedSymlinks: existing.refusedSymlinks };
  }
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.promises.mkdir(tmp);
  try {
    const { dirs, symlinks } = await writeTree(loc, commit, tmp, limits);
    const realTmp = await fs.promises.realpath(tmp);
    const refusedSymlinks = await removeOutOfBoundsSymlinks(realTmp, symlinks);
    await makeReadOnly(tmp, dirs);
    await fs.promises.writeFile(sidecar, JSON.stringify({ refusedSymlinks } satisfies SidecarInfo));
    try {
      await fs.promises.rename(tmp, dest);
    } catch (e) {
      // Another writer won the race: its checkout is identical.
      await removeCheckoutDir(tmp);
      if (!fs.existsSync(dest)) {
        throw e;
      }
    }
    return { dir: await fs.promises.realpath(dest), refusedSymlinks };
  } catch (e) {
    await removeCheckoutDir(tmp).catch(() => undefined);
    throw e;
  }
}

async function readSidecar(dest: string, sidecar: string): Promise<SidecarInfo | undefined> {
  if (!fs.existsSync(dest)) {
    return undefined;
  }
  try {
    const info = JSON.parse(await fs.promises.readFile(sidecar, 'utf8')) as SidecarInfo;
    return Array.isArray(info.refusedSymlinks) ? info : undefined;
  } catch {
    return undefined;
  }
}
