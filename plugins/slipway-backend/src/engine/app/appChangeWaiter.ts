import type { ClusterCacheEvent } from '../cluster';
import { abortableSleep } from '../sync';

/** Waits that end at the next change of one application's objects. */
export interface AppChangeWaiter {
  /**
   * Resolves at the next change of the application's objects (or of their
   * descendants) in the cluster cache, at the latest after `ms`, or when the
   * signal aborts. A change seen since the previous wait ends it at once.
   */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
  /** Stops listening to the cache. */
  stop(): void;
}

/**
 * Lets a sync waiting for health or hooks look again as soon as the watch
 * reports a change, instead of after a whole poll interval; the interval
 * stays the upper bound, for changes the cache does not see.
 */
export function appChangeWaiter(
  cache: { onChange(listener: (e: ClusterCacheEvent) => void): () => void },
  appName: string,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): AppChangeWaiter {
  let changed = false;
  let wake: (() => void) | undefined;
  const stop = cache.onChange(e => {
    if (e.appName !== appName) return;
    changed = true;
    wake?.();
  });
  return {
    async wait(ms, signal) {
      if (!changed && !signal?.aborted) {
        const woken = new AbortController();
        const onAbort = () => woken.abort();
        signal?.addEventListener('abort', onAbort, { once: true });
        wake = onAbort;
        try {
          await sleep(ms, woken.signal);
        } finally {
          wake = undefined;
          signal?.removeEventListener('abort', onAbort);
        }
      }
      changed = false;
    },
    stop,
  };
}
