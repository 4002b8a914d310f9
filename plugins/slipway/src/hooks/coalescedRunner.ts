/** Runs a task on request, folding bursts of requests into few runs. */
export interface CoalescedRunner {
  /** Asks for a run; served by the next run that starts after now. */
  request(): void;
  /** Drops a waiting run; a run in progress finishes, but nothing follows it. */
  dispose(): void;
}

/**
 * A runner that never runs the task twice at once and starts runs at least
 * `minIntervalMs` apart: requests while a run is in progress (or waiting
 * for its turn) are served by one run after it. A burst of any size thus
 * costs at most one run in progress and one queued, and the last request is
 * never lost: a run always starts after it.
 */
export function createCoalescedRunner(
  task: () => Promise<unknown>,
  minIntervalMs: number,
): CoalescedRunner {
  let running = false;
  let queued = false;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let lastStart = -Infinity;
  let disposed = false;

  function start() {
    waiting = undefined;
    running = true;
    lastStart = Date.now();
    // A failed run must not stop later ones; the task reports its own errors.
    task()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (queued) {
          queued = false;
          schedule();
        }
      });
  }

  function schedule() {
    if (disposed) return;
    const wait = lastStart + minIntervalMs - Date.now();
    if (wait <= 0) start();
    else waiting = setTimeout(start, wait);
  }

  return {
    request() {
      if (disposed || waiting !== undefined) return;
      if (running) queued = true;
      else schedule();
    },
    dispose() {
      disposed = true;
      queued = false;
      clearTimeout(waiting);
      waiting = undefined;
    },
  };
}
