import { ConflictError, InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveInside } from './repoPaths';

/** Bounds of one copy, so a mistaken base folder cannot fill the disk. */
export interface CopyLimits {
  /** Most files copied (default 500). */
  maxFiles?: number;
  /** Most bytes copied (default 10 MiB). */
  maxBytes?: number;
}

/**
 * Copies a file or folder of the working tree to a new place in it, both
 * confined to the repository. Refuses when the target exists, when the
 * source holds symbolic links (they could point outside the repository) or
 * exceeds the limits. Returns the repository-relative files written.
 */
export async function copyTree(
  root: string,
  from: string,
  to: string,
  limits: CopyLimits = {},
): Promise<string[]> {
  const maxFiles = limits.maxFiles ?? 500;
  const maxBytes = limits.maxBytes ?? 10 * 1024 * 1024;
  const source = await resolveInside(root, from, 'base environment path');
  const target = await resolveInside(root, to, 'new environment path');
  if (await fs.lstat(target).catch(() => undefined)) {
    throw new ConflictError(
      `'${to}' already exists in the repository; choose another environment name`,
    );
  }
  const rootStat = await fs.lstat(source).catch(() => undefined);
  if (!rootStat) {
    throw new InputError(`'${from}' does not exist in the repository, so there is nothing to copy`);
  }
  // Collect first, write afterwards: a refusal writes nothing.
  const files: Array<{ rel: string; content: Buffer }> = [];
  let bytes = 0;
  const visit = async (abs: string, rel: string) => {
    const stat = await fs.lstat(abs);
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `'${path.posix.join(from, rel)}' is a symbolic link; environments with links are not copied (they could point outside the repository)`,
      );
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(abs)).filter(e => e !== '.git').sort();
      for (const entry of entries) {
        await visit(path.join(abs, entry), rel ? `${rel}/${entry}` : entry);
      }
      return;
    }
    if (!stat.isFile()) return;
    bytes += stat.size;
    if (files.length + 1 > maxFiles || bytes > maxBytes) {
      throw new InputError(
        `'${from}' is larger than ${maxFiles} files or ${maxBytes} bytes; it does not look like one environment`,
      );
    }
    files.push({ rel, content: await fs.readFile(abs) });
  };
  await visit(source, '');
  const written: string[] = [];
  for (const file of files) {
    const relTarget = file.rel ? `${to}/${file.rel}` : to;
    const abs = await resolveInside(root, relTarget, 'new environment path');
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, file.content);
    written.push(relTarget);
  }
  return written;
}
