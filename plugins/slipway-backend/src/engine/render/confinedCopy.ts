import fs from 'node:fs';
import path from 'node:path';
import { isInside } from './confine';
import { RenderError } from './RenderError';

/** Files copied so far by the copies of one render, and how many are allowed. */
export interface CopyBudget {
  files: number;
  maxFiles: number;
}

export interface ConfinedCopyRequest {
  appName: string;
  /** Real path of the repository root: symlinks must resolve inside it. */
  root: string;
  /** Real path of the folder to copy. */
  from: string;
  to: string;
  budget: CopyBudget;
  /** What is copied, for errors: `chart "app" at charts/app`. */
  what: string;
}

/**
 * Copies a folder of the (read-only, shared) checkout into a scratch folder
 * as plain, writable files and folders. Symlinks are followed, so the copy
 * holds what Helm would read through them; each must resolve inside the
 * repository, and a symlink back to a folder being copied (a loop) is refused.
 */
export async function copyConfined(request: ConfinedCopyRequest): Promise<void> {
  await copyFolder(request, request.from, request.to, new Set([request.from]));
}

async function copyFolder(request: ConfinedCopyRequest, from: string, to: string, ancestors: Set<string>): Promise<void> {
  const { appName, root, what, budget } = request;
  await fs.promises.mkdir(to, { recursive: true, mode: 0o755 });
  for (const entry of await fs.promises.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const shown = path.relative(root, source) || '.';
    let real = source;
    if (entry.isSymbolicLink()) {
      try {
        real = await fs.promises.realpath(source);
      } catch {
        continue; // a dangling link: Helm cannot read it either
      }
      if (!isInside(root, real)) {
        throw new RenderError(
          'symlink-outside-repository',
          appName,
          `${what}: ${shown} is a symlink outside the repository root; replace it with a file inside the repository`,
        );
      }
    }
    const stat = await fs.promises.stat(real);
    if (stat.isDirectory()) {
      if (ancestors.has(real)) {
        throw new RenderError(
          'invalid-source',
          appName,
          `${what}: ${shown} is a symlink to a folder that contains it (a loop); remove the symlink`,
        );
      }
      await copyFolder(request, real, target, new Set([...ancestors, real]));
    } else if (stat.isFile()) {
      budget.files += 1;
      if (budget.files > budget.maxFiles) {
        throw new RenderError(
          'limit-exceeded',
          appName,
          `${what} and its local dependencies hold more than ${budget.maxFiles} files; ` +
            'make the chart smaller or raise the render file limit',
        );
      }
      await fs.promises.copyFile(real, target);
      // the checkout's files are read-only; Helm rewrites Chart.lock and charts/ in the copy
      await fs.promises.chmod(target, 0o644);
    }
  }
}
