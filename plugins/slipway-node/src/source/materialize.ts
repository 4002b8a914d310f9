import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { SourceError } from './Source';
import { rootTreeOf, walkTree, type GitLocation } from './gitTree';
import { gitFs } from './gitFs';

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

async function writeTree(
  loc: GitLocation,
  commit: string,
  target: string,
  limits: CheckoutLimits,
): Promise<string[]> {
  const cache = {};
  const rootTree = await rootTreeOf(loc, commit, cache);
  const symlinks: string[] = [];
  let files = 0;
  let bytes = 0;
  await walkTree(loc.gitdir, rootTree, '', cache, async entry => {
    const dest = path.join(target, ...entry.path.split('/'));
    if (entry.type === 'directory') {
      await fs.promises.mkdir(dest);
      return true;
    }
    if (entry.type === 'submodule') {
      return false;
    }
    files += 1;
    if (files > limits.maxFiles) {
      throw new SourceError(
        'limit-exceeded',
        `Commit ${commit} of ${loc.label} has more than ${limits.maxFiles} files; ` +
          'raise the checkout file limit or split the repository',
      );
    }
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
      await fs.promises.symlink(Buffer.from(blob).toString('utf8'), dest);
      symlinks.push(entry.path);
    } else {
      await fs.promises.writeFile(dest, blob, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
    }
    return undefined;
  });
  return symlinks;
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

async function makeReadOnly(dir: string): Promise<void> {
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await makeReadOnly(full);
    } else if (entry.isFile()) {
      const { mode } = await fs.promises.stat(full);
      await fs.promises.chmod(full, mode & 0o111 ? 0o555 : 0o444);
    }
  }
  await fs.promises.chmod(dir, 0o555);
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
    const symlinks = await writeTree(loc, commit, tmp, limits);
    const realTmp = await fs.promises.realpath(tmp);
    const refusedSymlinks = await removeOutOfBoundsSymlinks(realTmp, symlinks);
    await makeReadOnly(tmp);
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
