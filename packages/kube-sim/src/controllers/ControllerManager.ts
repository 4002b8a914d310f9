import { StoreEvent } from '../store/KubeObject';
import { Controller, ControllerContext } from './Controller';

/**
 * Runs the simulated controllers: store events become de-duplicated work
 * items that are reconciled asynchronously, one batch per event-loop turn.
 * A failing reconcile is logged and never stops the server.
 */
export class ControllerManager {
  private readonly controllers = new Map<string, Controller>();
  private readonly queue = new Map<string, [Controller, string]>();
  private scheduled = false;
  private stopped = false;
  private readonly timers = new Set<() => void>();
  private unsubscribe?: () => void;

  constructor(
    private readonly ctx: Omit<ControllerContext, 'later' | 'enqueue'>,
  ) {}

  get context(): ControllerContext {
    return {
      ...this.ctx,
      later: (ms, fn) => this.later(ms, fn),
      enqueue: (c, k) => this.enqueue(c, k),
    };
  }

  add(c: Controller): void {
    this.controllers.set(c.name, c);
  }

  start(): void {
    this.unsubscribe = this.ctx.store.subscribeAll(ev => this.onEvent(ev));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.queue.clear();
  }

  private onEvent(ev: StoreEvent) {
    for (const c of this.controllers.values()) {
      for (const k of c.keysFor(ev)) this.enqueueController(c, k);
    }
  }

  enqueue(name: string, key: string): void {
    const c = this.controllers.get(name);
    if (c) this.enqueueController(c, key);
  }

  private enqueueController(c: Controller, key: string) {
    if (this.stopped) return;
    this.queue.set(`${c.name}\u0000${key}`, [c, key]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private later(ms: number, fn: () => void) {
    if (this.stopped) return;
    const cancel = this.ctx.clock.setTimer(ms, () => {
      this.timers.delete(cancel);
      if (!this.stopped) this.safely(fn);
    });
    this.timers.add(cancel);
  }

  private safely(fn: () => void) {
    try {
      fn();
    } catch (e) {
      this.ctx.log(`controller error: ${(e as Error)?.message ?? e}`);
    }
  }

  private drain() {
    this.scheduled = false;
    const batch = [...this.queue.values()];
    this.queue.clear();
    for (const [c, key] of batch) this.safely(() => c.reconcile(key));
  }

  /** Resolves when no work is queued (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    for (let i = 0; i < 1000 && (this.queue.size > 0 || this.scheduled); i++) {
      await new Promise(r => setImmediate(r));
    }
  }
}
