import type { ClusterCacheEvent } from '../cluster';
import { appChangeWaiter } from './appChangeWaiter';

/** A cache whose changes the test announces, and a sleep that only ends when woken (no timer runs). */
function setup() {
  const listeners = new Set<(e: ClusterCacheEvent) => void>();
  const cache = {
    onChange(listener: (e: ClusterCacheEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const slept: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>(resolve => {
      slept.push(ms);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  const change = (appName?: string) =>
    listeners.forEach(l => l({ type: 'MODIFIED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, appName }));
  return { cache, sleep, slept, change, listeners };
}

/** Whether the promise has settled once pending callbacks ran. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  promise.then(() => (done = true));
  await new Promise(r => setImmediate(r));
  return done;
}

describe('appChangeWaiter', () => {
  it('ends a wait at the next change of the application, not at the poll interval', async () => {
    const t = setup();
    const waiter = appChangeWaiter(t.cache, 'web', t.sleep);
    const wait = waiter.wait(2_000);
    expect(t.slept).toEqual([2_000]);
    t.change('other-app');
    t.change(undefined);
    expect(await settled(wait)).toBe(false);
    t.change('web');
    expect(await settled(wait)).toBe(true);
  });

  it('ends the next wait at once when the application changed since the previous one', async () => {
    const t = setup();
    const waiter = appChangeWaiter(t.cache, 'web', t.sleep);
    t.change('web'); // e.g. while the executor was checking health
    expect(await settled(waiter.wait(2_000))).toBe(true);
    expect(t.slept).toEqual([]);
    // the change was used up: the wait after it sleeps again
    expect(await settled(waiter.wait(2_000))).toBe(false);
  });

  it('ends a wait when the operation is aborted', async () => {
    const t = setup();
    const waiter = appChangeWaiter(t.cache, 'web', t.sleep);
    const abort = new AbortController();
    const wait = waiter.wait(2_000, abort.signal);
    expect(await settled(wait)).toBe(false);
    abort.abort();
    expect(await settled(wait)).toBe(true);
  });

  it('stops listening to the cache when stopped', () => {
    const t = setup();
    const waiter = appChangeWaiter(t.cache, 'web', t.sleep);
    expect(t.listeners.size).toBe(1);
    waiter.stop();
    expect(t.listeners.size).toBe(0);
  });
});
