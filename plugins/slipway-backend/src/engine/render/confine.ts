import fs from 'node:fs';
import path from 'node:path';
import { isInside } from '@slipway/plugin-slipway-node';
import { RenderError } from './RenderError';

export { isInside };

export interface ConfineRequest {
  appName: string;
  /** Real path of the repository root. */
  root: string;
  /** Folder relative paths start from (inside root). A leading `/` in `target` means root. */
  base: string;
  target: string;
  /** What the path is, for the error: "source.path", "value file", ... */
  what: string;
  /** The path as the user wrote it, for the error (default: target). */
  display?: string;
  /** What to do instead, appended to the error. */
  hint?: string;
}

/**
 * Resolves a path given by an Application against the repository, refusing
 * anything that leaves the repository root, lexically (`..`) or through
 * symlinks (checked with realpath). Returns the real path, and whether it exists.
 */
export async function resolveConfined(request: ConfineRequest): Promise<{ path: string; exists: boolean }> {
  const { appName, root, base, target, what } = request;
  const hint = request.hint ?? 'use a path inside the repository';
  const shown = request.display ?? target;
  const lexical = target.startsWith('/')
    ? path.join(root, ...target.split('/'))
    : path.resolve(base, ...target.split('/'));
  if (!isInside(root, lexical)) {
    throw new RenderError(
      'path-outside-repository',
      appName,
      `${what} "${shown}" resolves outside the repository root; ${hint}`,
    );
  }
  let probe = lexical;
  let exists = true;
  for (;;) {
    try {
      const real = await fs.promises.realpath(probe);
      if (!isInside(root, real)) {
        throw new RenderError(
          'symlink-outside-repository',
          appName,
          `${what} "${shown}" leads through a symlink outside the repository root; ` +
            'replace the symlink with a file inside the repository',
        );
      }
      return { path: exists ? real : lexical, exists };
    } catch (e) {
      if (e instanceof RenderError) {
        throw e;
      }
      exists = false;
      const parent = path.dirname(probe);
      if (parent === probe || !isInside(root, parent)) {
        return { path: lexical, exists: false };
      }
      probe = parent;
    }
  }
}
