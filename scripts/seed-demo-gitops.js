#!/usr/bin/env node
/*
 * Seeds the demo's GitOps repository: `.slipway-demo/gitops`, a Git
 * repository holding a copy of examples/gitops in one commit on `main`.
 * The demo portal reads its ApplicationSets and deploys its Applications
 * from there, and the scaffolder templates commit to it, so what a template
 * adds is deployed as a push to a real GitOps repository would be. An
 * existing repository is kept (it holds the demo's own history); delete the
 * folder to start over from examples/gitops.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Creates the repository when missing; returns its folder. */
async function seedDemoGitops(target = path.join(root, '.slipway-demo', 'gitops')) {
  if (fs.existsSync(path.join(target, '.git'))) {
    return target;
  }
  const git = require(require.resolve('isomorphic-git', { paths: [root] }));
  const staging = `${target}.seeding-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'examples', 'gitops'), staging, { recursive: true });
  await git.init({ fs, dir: staging, defaultBranch: 'main' });
  for (const filepath of walk(staging)) {
    await git.add({ fs, dir: staging, filepath });
  }
  await git.commit({
    fs,
    dir: staging,
    message: 'Demo GitOps repository, seeded from examples/gitops',
    author: { name: 'Slipway demo', email: 'demo@slipway.invalid' },
  });
  // Appears complete or not at all, even if two starts race.
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, '.git'))) throw error;
  }
  return target;
}

/** Files under dir, relative and with forward slashes, outside .git. */
function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === '.git') continue;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

module.exports = { seedDemoGitops };

if (require.main === module) {
  seedDemoGitops().then(
    target => console.log(`[demo] GitOps repository: ${path.relative(root, target)}`),
    error => {
      console.error(`[demo] could not create the demo GitOps repository from examples/gitops: ${error.message}`);
      process.exit(1);
    },
  );
}
