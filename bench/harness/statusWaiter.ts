/*
 * Waits until every application of a runtime reaches a state, seen in the
 * status signals the runtime publishes (the reconciler's state says which
 * commit was compared), so that a scenario measures without polling.
 */
import { performance } from 'node:perf_hooks';
import type { SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import type { ApplicationState } from '../../plugins/slipway-backend/src/reconciler/ApplicationState';

export class StatusWaiter {
  private readonly waiters = new Map<string, () => void>();
  private state: (ref: string) => ApplicationState | undefined = () => undefined;

  /** Hand this to the runtime as its `onSignal`. */
  readonly onSignal = (message: SlipwaySignalMessage) => this.waiters.get(message.entityRef)?.();

  /** Where the waiter reads application states (the runtime's reconciler). */
  follow(state: (ref: string) => ApplicationState | undefined): void {
    this.state = state;
  }

  /**
   * Seconds from `t0` until each ref's state satisfies `reached`; rejects
   * after `timeoutMs` naming the applications still behind.
   */
  until(refs: string[], reached: (state: ApplicationState) => boolean, t0: number, what: string, timeoutMs: number): Promise<number[]> {
    const seconds: number[] = new Array(refs.length);
    let left = refs.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const behind = refs.filter(ref => this.waiters.has(ref));
        for (const ref of behind) this.waiters.delete(ref);
        const first = this.state(behind[0]);
        reject(
          new Error(
            `${behind.length} applications were not ${what} after ${timeoutMs / 1000} s, e.g. ${behind.slice(0, 3).join(', ')} ` +
              `(${behind[0]}: ${first?.sync}/${first?.health} at ${first?.refreshed?.revision})`,
          ),
        );
      }, timeoutMs);
      refs.forEach((ref, i) => {
        this.waiters.set(ref, () => {
          const state = this.state(ref);
          if (!state || !reached(state)) return;
          this.waiters.delete(ref);
          seconds[i] = (performance.now() - t0) / 1000;
          if (--left === 0) {
            clearTimeout(timer);
            resolve(seconds);
          }
        });
      });
      // those already there (e.g. a state reached before the wait began)
      for (const ref of refs) this.waiters.get(ref)?.();
    });
  }
}
