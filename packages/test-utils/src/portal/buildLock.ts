import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A lock older than this belongs to a build that was killed. */
const STALE_AFTER_MS = 20 * 60_000;

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn` while holding a lock named after `key`, shared by every process
 * of the machine: Jest runs test files in parallel workers, and two of them
 * building the same app bundle at once would overwrite each other's output.
 * Synchronous, like the build it guards.
 */
export function withMachineLock<T>(key: string, fn: () => T): T {
  const name = crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
  // npm test gives each run its own TMPDIR; the lock is the machine's
  const lock = path.join(process.env.SLIPWAY_MACHINE_TMPDIR ?? os.tmpdir(), `slipway-lock-${name}`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_AFTER_MS) {
        fs.rmSync(lock, { recursive: true, force: true });
      } else {
        sleepSync(1_000);
      }
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
