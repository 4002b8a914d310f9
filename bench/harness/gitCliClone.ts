/*
 * A bare clone made with the git command-line client, to time how long
 * fetching a commit takes Git itself (C, with its own pack indexing): the
 * least any engine that pulls from Git can spend before it knows what
 * changed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitCliClone {
  /** Fetches `branch` from the clone's origin; returns the seconds it took. */
  fetch(branch: string): Promise<number>;
  remove(): Promise<void>;
}

export async function gitCliClone(url: string): Promise<GitCliClone> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-bench-git-'));
  await run('git', ['clone', '--quiet', '--bare', url, dir]);
  return {
    fetch: async branch => {
      const started = performance.now();
      await run('git', ['-C', dir, 'fetch', '--quiet', 'origin', branch]);
      return (performance.now() - started) / 1000;
    },
    remove: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}
