import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Normalises a repository-relative path given by a template or found in an
 * ApplicationSet to POSIX form without a leading `./`. Refuses absolute
 * paths, `..` segments that leave the repository, and `.git`.
 */
export function repoRelativePath(raw: string, what: string): string {
  const trimmed = raw.trim().replace(/\\/g, '/');
  if (trimmed === '' || trimmed.startsWith('/') || /^[a-zA-Z]:/.test(trimmed)) {
    throw new InputError(
      `${what} '${raw}' is not a path inside the repository; give a relative path such as 'apps/payments'`,
    );
  }
  const normalized = path.posix.normalize(trimmed).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(
      `${what} '${raw}' leaves the repository; give a path inside it`,
    );
  }
  if (normalized === '.git' || normalized.startsWith('.git/')) {
    throw new InputError(`${what} '${raw}' points into .git; give a path to a tracked file`);
  }
  return normalized === '.' ? '' : normalized;
}

function isWithin(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/**
 * The absolute path of `rel` inside the working tree `root`, after checking
 * that it stays inside: lexically, and after resolving symbolic links of
 * every part that exists already (realpath), so a link in the repository
 * cannot point a write or a read elsewhere.
 */
export async function resolveInside(
  root: string,
  rel: string,
  what: string,
): Promise<string> {
  const clean = repoRelativePath(rel, what);
  const realRoot = await fs.realpath(root);
  const target = path.resolve(realRoot, ...clean.split('/'));
  // Walk up to the deepest part that exists and resolve it.
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      const full = path.join(real, ...rest);
      if (!isWithin(realRoot, real) || !isWithin(realRoot, full)) {
        throw new InputError(
          `${what} '${rel}' resolves outside the repository (through a symbolic link); refusing to touch it`,
        );
      }
      return full;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (await fs.lstat(existing).catch(() => undefined)) {
        // exists but cannot be resolved: a dangling symbolic link
        throw new InputError(
          `${what} '${rel}' goes through a symbolic link that points nowhere; refusing to touch it`,
        );
      }
      rest.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
}

/** Whether a repository-relative path exists in the working tree (links are not followed). */
export async function existsInside(
  root: string,
  rel: string,
  what: string,
): Promise<boolean> {
  const abs = await resolveInside(root, rel, what);
  try {
    await fs.lstat(abs);
    return true;
  } catch {
    return false;
  }
}

/** Reads a text file of the working tree, confined to the repository. */
export async function readRepoFile(
  root: string,
  rel: string,
  what: string,
): Promise<string> {
  const abs = await resolveInside(root, rel, what);
  const stat = await fs.lstat(abs).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new InputError(
      `${what} '${rel}' is not a file in the repository; check the path and the branch`,
    );
  }
  return fs.readFile(abs, 'utf8');
}

/** Writes a text file of the working tree, creating folders, confined to the repository. */
export async function writeRepoFile(
  root: string,
  rel: string,
  content: string,
  what: string,
): Promise<void> {
  const abs = await resolveInside(root, rel, what);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, content, 'utf8');
}
