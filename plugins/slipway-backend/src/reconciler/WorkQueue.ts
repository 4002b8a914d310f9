/** Options carried with a queued key; merged when the key is queued again. */
export interface WorkOptions {
  /** Skip shortcuts (a hard or requested refresh). */
  force?: boolean;
  /** Render again instead of taking the render cache's result (Argo CD's hard refresh). */
  hard?: boolean;
  /**
   * Compare with the commits of the last comparison instead of asking Git
   * (Argo CD's CompareWithRecent, for changes seen in the cluster); kept
   * only when every merged request allows it.
   */
  recent?: boolean;
  /**
   * With `force`: Git as listed after this moment will do (when the push
   * or request arrived), so one listing serves every refresh it caused.
   * Absent: Git as listed after the refresh asks.
   */
  listedAfter?: number;
}

/**
 * A work queue keyed by application, like a Kubernetes controller's: a key is
 * processed by at most one worker at a time, queuing a key that is waiting
 * does nothing more, and queuing a key that is being processed runs it once
 * more afterwards. At most `concurrency` keys are processed at once.
 */
export class WorkQueue {
  private readonly waiting = new Map<string, WorkOptions>();
  private readonly running = new Set<string>();
  /** Keys queued again while running, with their options. */
  private readonly again = new Map<string, WorkOptions>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly options: {
      concurrency: number;
      process: (key: string, options: WorkOptions) => Promise<void>;
      onError: (key: string, error: unknown) => void;
    },
  ) {}

  /** Keys waiting to be processed. */
  get depth(): number {
    return this.waiting.size;
  }

  add(key: string, options: WorkOptions = {}): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.again.set(key, merge(this.again.get(key), options));
      return;
    }
    this.waiting.set(key, merge(this.waiting.get(key), options));
    this.pump();
  }

  /** Queues the key after a delay; an earlier pending delay wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  /** Forgets a key: not queued, no delayed run. A running key finishes. */
  remove(key: string): void {
    this.waiting.delete(key);
    this.again.delete(key);
    const t = this.timers.get(key);
    if (t) clearTimeout(t.timer);
    this.timers.delete(key);
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  /** Stops taking work; resolves when the keys being processed are done. */
  stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    this.again.clear();
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    return this.idle();
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency && this.waiting.size > 0) {
      const [key, options] = this.waiting.entries().next().value as [string, WorkOptions];
      this.waiting.delete(key);
      this.running.add(key);
      this.options
        .process(key, options)
        .catch(error => this.options.onError(key, error))
        .finally(() => {
          this.running.delete(key);
          const again = this.again.get(key);
          if (again) {
            this.again.delete(key);
            this.add(key, again);
          }
          this.pump();
          if (this.waiting.size === 0 && this.running.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach(w => w());
          }
        });
    }
  }
}

function merge(a: WorkOptions | undefined, b: WorkOptions): WorkOptions {
  const merged: WorkOptions = { force: Boolean(a?.force || b.force) };
  if (a?.hard || b.hard) merged.hard = true;
  if ((a === undefined || a.recent) && b.recent) merged.recent = true;
  // the later request's moment; a forced request without one needs Git as it is when the refresh runs
  const forced = [a, b].filter((o): o is WorkOptions => Boolean(o?.force));
  if (forced.length > 0 && forced.every(o => o.listedAfter !== undefined)) {
    merged.listedAfter = Math.max(...forced.map(o => o.listedAfter!));
  }
  return merged;
}
