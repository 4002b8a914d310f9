import path from 'node:path';
import { findRepoRoot } from './repoRoot';

/**
 * Creates the demo's GitOps repository (`.slipway-demo/gitops`, or `target`)
 * from examples/gitops when it is missing, as `npm start` does; returns its
 * folder. The logic lives in `scripts/seed-demo-gitops.js` because it runs
 * before any TypeScript tooling.
 */
export async function seedDemoGitops(target?: string, root = findRepoRoot()): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const script = require(path.join(root, 'scripts', 'seed-demo-gitops.js')) as {
    seedDemoGitops(target?: string): Promise<string>;
  };
  return script.seedDemoGitops(target);
}
