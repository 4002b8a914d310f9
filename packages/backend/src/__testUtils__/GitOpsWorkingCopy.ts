import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The URL the demo ApplicationSets name as their source repository. */
export const DEMO_GITOPS_URL = 'https://git.example.com/slipway/demo-gitops.git';

/** Everything Git needs to commit without a user configuration. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Grace Hopper',
  GIT_AUTHOR_EMAIL: 'grace@example.com',
  GIT_COMMITTER_NAME: 'Grace Hopper',
  GIT_COMMITTER_EMAIL: 'grace@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
};

/**
 * A throwaway Git repository holding a copy of a folder (the demo's
 * `examples/gitops`), which a test edits and commits to as a team pushes
 * to its GitOps repository. The portal reads it through
 * `slipway.repositories[].localPath`, so a commit here is what a push is
 * to a real Git server.
 */
export class GitOpsWorkingCopy {
  private constructor(readonly dir: string) {}

  /** Copies `source` into a new temporary folder and commits it on `main`. */
  static create(source: string, message = 'Demo GitOps repository'): GitOpsWorkingCopy {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-gitops-'));
    fs.cpSync(source, dir, { recursive: true });
    const copy = new GitOpsWorkingCopy(dir);
    copy.git('init', '--quiet', '--initial-branch=main');
    copy.commit(message);
    return copy;
  }

  /** The text of a file of the repository. */
  read(file: string): string {
    return fs.readFileSync(this.resolve(file), 'utf8');
  }

  /** Rewrites a file; `change` must change it, so a commit is never empty by mistake. */
  edit(file: string, change: (text: string) => string): void {
    const before = this.read(file);
    const after = change(before);
    if (after === before) {
      throw new Error(`the edit of ${file} changed nothing; check what the test expects the file to hold`);
    }
    fs.writeFileSync(this.resolve(file), after);
  }

  /** Commits everything changed and returns the commit's SHA. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--message', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private resolve(file: string): string {
    const full = path.resolve(this.dir, file);
    if (!full.startsWith(`${this.dir}${path.sep}`)) {
      throw new Error(`${file} is outside the GitOps working copy`);
    }
    return full;
  }

  private git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV },
    });
  }
}
