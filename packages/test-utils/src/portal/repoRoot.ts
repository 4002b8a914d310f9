import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder up whose package.json has workspaces. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (pkg.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no repository root (package.json with workspaces) above ${from}`);
    }
    dir = parent;
  }
}
