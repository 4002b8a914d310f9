import { mockServices } from '@backstage/backend-test-utils';
import { DefaultSlipwayEngine } from '../engine/DefaultSlipwayEngine';
import { DEFAULT_PROJECT } from '../projects/types';
import type { EnqueueOperationInput, Operation } from '../store';
import { OperationWorker } from './OperationWorker';
import { webInventoryItem } from './__testUtils__/webApplication';

const HOUR = 3_600_000;

const item = webInventoryItem();

/** An operation queue in memory, shared by "replicas" like the store's table. */
function memoryQueue() {
  const queued: Operation[] = [];
  let next = 1;
  return {
    queued,
    claims: 0,
    /** `fromLastLook` of each claimNext call. */
    looks: [] as boolean[],
    add(input: EnqueueOperationInput): Operation {
      const op: Operation = { ...input, id: `op-${next++}`, phase: 'Queued', attempts: 0, createdAt: new Date(0).toISOString() };
      queued.push(op);
      return op;
    },
    async enqueue(input: EnqueueOperationInput) {
      return { status: 'created' as const, operation: this.add(input) };
    },
    async claimNext(replicaId: string, options: { fromLastLook?: boolean } = {}) {
      this.claims++;
      this.looks.push(Boolean(options.fromLastLook));
      const op = queued.shift();
      return op && { ...op, phase: 'Running' as const, claimedBy: replicaId };
    },
    async heartbeat() {
      return 'ok' as const;
    },
    async complete() {
      return true;
    },
  };
}

/** Lets pending promise callbacks run; no timer fires. */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function worker(store: ReturnType<typeof memoryQueue>, pollIntervalMs: number) {
  const ran: string[] = [];
  const w = new OperationWorker({
    store,
    replicaId: 'replica-a',
    run: async op => {
      ran.push(op.id);
      return { phase: 'Succeeded', message: 'done' };
    },
    onFinished: () => {},
    logger: mockServices.logger.mock(),
    concurrency: 2,
    heartbeatIntervalMs: HOUR,
    pollIntervalMs,
  });
  return { worker: w, ran };
}

describe('OperationWorker', () => {
  afterEach(() => jest.useRealTimers());

  it('runs an operation queued through the engine at once, without waiting for the poll interval', async () => {
    jest.useFakeTimers();
    const store = memoryQueue();
    const { worker: w, ran } = worker(store, HOUR);
    w.start();
    await settle();
    const engine = new DefaultSlipwayEngine({
      inventory: { get: () => item, list: () => [item] },
      reconciler: { enqueue: () => {}, state: () => undefined, refreshNow: async () => undefined, objectsOf: async () => undefined },
      worker: w,
      store: {
        enqueue: (input: EnqueueOperationInput) => store.enqueue(input),
        getHistory: async () => undefined,
        requestTermination: async () => undefined,
      },
      clusters: { connect: async () => Promise.reject(new Error('not used')) },
      resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
      projects: new Map([['default', DEFAULT_PROJECT]]),
      publish: () => {},
      logger: mockServices.logger.mock(),
    });

    const result = await engine.enqueueOperation(item, 'sync', {}, 'automated');
    await settle();

    expect(result.status).toBe('created');
    expect(ran).toEqual(['op-1']);
    await w.stop();
  });

  it('looks for operations queued by other replicas every poll interval', async () => {
    jest.useFakeTimers();
    const store = memoryQueue();
    const { worker: w, ran } = worker(store, 2_000);
    w.start();
    await settle();
    store.add({ applicationRef: item.entityRef, kind: 'sync', request: {}, initiator: 'user:default/ann' }); // another replica's
    await settle();
    expect(ran).toEqual([]);

    await jest.advanceTimersByTimeAsync(2_000);
    expect(ran).toEqual(['op-1']);
    await w.stop();
  });

  it('claims again when woken during a claim, so that no queued operation waits for the next poll', async () => {
    const store = memoryQueue();
    const { worker: w, ran } = worker(store, HOUR);
    let release!: () => void;
    const claimNext = store.claimNext.bind(store);
    store.claimNext = async replicaId => {
      if (store.claims === 0) await new Promise<void>(r => (release = r));
      return claimNext(replicaId);
    };
    w.start(); // the first claim finds nothing, slowly
    await settle();
    store.add({ applicationRef: item.entityRef, kind: 'sync', request: {}, initiator: 'automated' });
    w.wake(); // arrives while the first claim runs
    release();
    await settle();
    expect(ran).toEqual(['op-1']);
    await w.stop();
  });

  it('asks the store to claim from its last look once a claim succeeded, and plainly when woken again', async () => {
    const store = memoryQueue();
    const { worker: w, ran } = worker(store, HOUR);
    w.start();
    await settle();
    expect(store.looks).toEqual([false]);
    store.add({ applicationRef: item.entityRef, kind: 'sync', request: {}, initiator: 'automated' });
    w.wake();
    await settle();
    expect(ran).toEqual(['op-1']);
    // woken: a plain look claims op-1, the next call continues from that look and finds nothing
    expect(store.looks).toEqual([false, false, true]);
    await w.stop();
  });
});
