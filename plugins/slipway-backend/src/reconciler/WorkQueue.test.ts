import { WorkQueue } from './WorkQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => (resolve = r));
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('processes at most `concurrency` keys at once', async () => {
    let running = 0;
    let peak = 0;
    const queue = new WorkQueue({
      concurrency: 2,
      process: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise(r => setTimeout(r, 10));
        running--;
      },
      onError: () => {},
    });
    for (const key of ['a', 'b', 'c', 'd', 'e']) queue.add(key);
    await queue.idle();
    expect(peak).toBe(2);
  });

  it('runs a key once for many adds while it waits, and once more when added while it runs', async () => {
    const runs: string[] = [];
    const gate = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      process: async key => {
        runs.push(key);
        if (runs.length === 1) await gate.promise;
      },
      onError: () => {},
    });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('a', { force: true }); // a is running: once more afterwards
    gate.resolve();
    await queue.idle();
    expect(runs).toEqual(['a', 'b', 'a']);
  });

  it('merges force when a waiting key is added again', async () => {
    const seen: Array<[string, boolean | undefined]> = [];
    const gate = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      process: async (key, options) => {
        seen.push([key, options.force]);
        if (key === 'first') await gate.promise;
      },
      onError: () => {},
    });
    queue.add('first');
    queue.add('x');
    queue.add('x', { force: true });
    gate.resolve();
    await queue.idle();
    expect(seen).toEqual([['first', false], ['x', true]]);
  });

  it('keeps a hard refresh when a waiting key is added again without one', async () => {
    const seen: Array<[string, boolean | undefined]> = [];
    const gate = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      process: async (key, options) => {
        seen.push([key, options.hard]);
        if (key === 'first') await gate.promise;
      },
      onError: () => {},
    });
    queue.add('first');
    queue.add('x', { force: true, hard: true });
    queue.add('x', { recent: true });
    queue.add('y', { force: true });
    gate.resolve();
    await queue.idle();
    expect(seen).toEqual([
      ['first', undefined],
      ['x', true],
      ['y', undefined],
    ]);
  });

  it('keeps `recent` only when every request for a key allows it', async () => {
    const seen: Array<[string, boolean | undefined]> = [];
    const gate = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      process: async (key, options) => {
        seen.push([key, options.recent]);
        if (key === 'first') await gate.promise;
      },
      onError: () => {},
    });
    queue.add('first');
    queue.add('cluster-only', { recent: true });
    queue.add('cluster-only', { recent: true });
    queue.add('then-periodic', { recent: true });
    queue.add('then-periodic');
    queue.add('first', { recent: true }); // running: once more, still recent
    gate.resolve();
    await queue.idle();
    expect(seen).toEqual([
      ['first', undefined],
      ['cluster-only', true],
      ['then-periodic', undefined],
      ['first', true],
    ]);
  });

  it('keeps the latest listedAfter of forced requests, and none when one forced request named no moment', async () => {
    const seen: Array<[string, number | undefined]> = [];
    const gate = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      process: async (key, options) => {
        seen.push([key, options.listedAfter]);
        if (key === 'first') await gate.promise;
      },
      onError: () => {},
    });
    queue.add('first');
    queue.add('pushes', { force: true, listedAfter: 20 });
    queue.add('pushes', { force: true, listedAfter: 10 });
    queue.add('pushes'); // periodic: needs no moment
    queue.add('unstamped', { force: true, listedAfter: 10 });
    queue.add('unstamped', { force: true });
    gate.resolve();
    await queue.idle();
    expect(seen).toEqual([
      ['first', undefined],
      ['pushes', 20],
      ['unstamped', undefined],
    ]);
  });

  it('reports failures and keeps going', async () => {
    const errors: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      process: async key => {
        if (key === 'bad') throw new Error('boom');
      },
      onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    });
    queue.add('bad');
    queue.add('good');
    await queue.idle();
    expect(errors).toEqual(['bad: boom']);
  });

  it('queues a key after a delay, the earliest delay winning', async () => {
    const runs: number[] = [];
    const start = Date.now();
    const queue = new WorkQueue({ concurrency: 1, process: async () => void runs.push(Date.now() - start), onError: () => {} });
    queue.addAfter('a', 200);
    queue.addAfter('a', 20);
    queue.addAfter('a', 100);
    await new Promise(r => setTimeout(r, 300));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeLessThan(150);
    queue.stop();
  });
});

describe('WorkQueue.stop', () => {
  it('drops waiting keys and resolves once the running ones are done, so nothing writes after shutdown', async () => {
    const gate = deferred();
    const done: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      process: async key => {
        await gate.promise;
        done.push(key);
      },
      onError: () => {},
    });
    queue.add('running');
    queue.add('waiting');
    let stopped = false;
    const stopping = queue.stop().then(() => {
      stopped = true;
    });
    await new Promise(r => setImmediate(r));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(done).toEqual(['running']);
    queue.add('after');
    await new Promise(r => setImmediate(r));
    expect(done).toEqual(['running']);
  });
});
