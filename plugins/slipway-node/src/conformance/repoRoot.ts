import fs from 'fs';
import path from 'path';

/**
 * The monorepo root: the nearest folder, from `start` upwards, whose
 * package.json declares workspaces.
 */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return dir;
      } catch {
        // an unreadable package.json is not the root; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No package.json with workspaces above ${start}: run from inside the repository or pass --corpus.`,
      );
    }
    dir = parent;
  }
}
