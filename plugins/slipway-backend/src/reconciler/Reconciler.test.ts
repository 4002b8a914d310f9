import { mockServices } from '@backstage/backend-test-utils';
import type { EngineApplication } from '../engine/app/types';
import type { InventoryApplication } from '../inventory';
import { DEFAULT_PROJECT } from '../projects/types';
import type { ApplicationStatusUpdate } from '../store';
import { Reconciler } from './Reconciler';
import { refreshedAt, WEB_REF, webInventoryItem } from './__testUtils__/webApplication';

const REF = WEB_REF;
const inventoryItem = (targetRevision: string, specHash = 'spec-1') => webInventoryItem({ targetRevision, specHash });

/**
 * A reconciler over fakes: a Git remote whose branch points where the test
 * says, a cluster cache whose changes the test announces, and a controller
 * that records the application it was asked to compare.
 */
function setup() {
  let item = inventoryItem('main');
  let head = 'c1';
  /** While set, the ref listing waits for it (a slow Git server). */
  let gitAnswers: Promise<void> | undefined;
  const resolved: string[] = [];
  /** Per ref listing asked for: whether a recent answer would do. */
  const acceptedRecent: boolean[] = [];
  /** Per ref listing asked for: the moment after which a listing will do, if any. */
  const listedAfter: Array<number | undefined> = [];
  let clock = 1_000;
  const compared: EngineApplication[] = [];
  /** Per comparison: whether it asked for a fresh render (a hard refresh). */
  const fresh: boolean[] = [];
  let generation = 0;
  const writes: ApplicationStatusUpdate[] = [];
  const listeners: Array<(e: { appName?: string }) => void> = [];
  const reconciler = new Reconciler({
    inventory: { get: ref => (ref === REF ? item : undefined), list: () => [item] },
    controller: {
      refresh: async (app, options) => {
        compared.push(app);
        fresh.push(Boolean(options?.fresh));
        return refreshedAt(app.spec.source!.targetRevision!);
      },
    },
    clusters: {
      connect: async () =>
        ({
          name: 'sim',
          cache: {
            onChange: (listener: (e: { appName?: string }) => void) => {
              listeners.push(listener);
              return () => {};
            },
            generation: () => generation,
          },
        }) as any,
    },
    resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
    source: {
      resolveRevision: async (repoURL, targetRevision, options) => {
        resolved.push(targetRevision ?? '');
        acceptedRecent.push(Boolean(options?.acceptRecent));
        listedAfter.push(options?.listedAfter);
        await gitAnswers;
        return { repoURL, targetRevision: targetRevision ?? '', commit: head };
      },
    },
    store: {
      upsertApplicationStatus: async (update: ApplicationStatusUpdate) => {
        writes.push(update);
        return { syncStatus: update.syncStatus ?? 'Unknown', healthStatus: update.healthStatus ?? 'Unknown' } as any;
      },
      deleteApplicationStatus: async () => true,
      listOperations: async () => ({ items: [] }) as any,
    },
    projects: new Map([['default', DEFAULT_PROJECT]]),
    enqueueAutoSync: async () => {},
    publish: () => {},
    logger: mockServices.logger.mock(),
    concurrency: 2,
    refreshIntervalMs: 3_600_000,
    selfHealTimeoutMs: 5_000,
    now: () => clock,
  });
  return {
    reconciler,
    /** The inventory brings the application: the reconciler follows it and compares it once. */
    async start() {
      await reconciler.applyInventoryChanges({ added: [item], changed: [], removed: [] });
      await reconciler.idle();
    },
    resolved,
    acceptedRecent,
    listedAfter,
    compared,
    fresh,
    /** The status writes, in order. */
    writes,
    /** Moves the reconciler's clock on. */
    tick(ms: number) {
      clock += ms;
    },
    push(commit: string) {
      head = commit;
    },
    /** Holds Git's answers until the returned function is called. */
    holdGit() {
      let release!: () => void;
      gitAnswers = new Promise<void>(r => (release = r));
      return () => {
        gitAnswers = undefined;
        release();
      };
    },
    changeSpec(next: InventoryApplication) {
      item = next;
    },
    /** The cluster cache saw an object of the application change. */
    clusterChanged() {
      generation++;
      listeners.forEach(l => l({ appName: 'web' }));
    },
  };
}

describe('Reconciler', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });
  afterEach(() => t.reconciler.stop());

  it('compares the application at the commit it resolved, so rendering does not ask Git again', async () => {
    await t.start();
    expect(t.resolved).toEqual(['main']);
    expect(t.compared.map(app => app.spec.source?.targetRevision)).toEqual(['c1']);
    expect(t.compared[0].spec.source?.path).toBe('apps/web');
    expect(t.reconciler.state(REF)?.refreshed?.revision).toBe('c1');
  });

  it('compares a change seen in the cluster with the last commits, without asking Git', async () => {
    await t.start();
    t.push('c2'); // not announced: only a push webhook or the periodic refresh looks at Git
    t.clusterChanged();
    await t.reconciler.idle();
    expect(t.resolved).toEqual(['main']);
    expect(t.compared.map(app => app.spec.source?.targetRevision)).toEqual(['c1', 'c1']);
  });

  it('keeps the comparison without its objects, and compares again at the last commits when they are asked for', async () => {
    await t.start();
    const kept = t.reconciler.state(REF)?.refreshed;
    expect(kept).toBeDefined();
    expect(kept).not.toHaveProperty('desired');
    expect(kept).not.toHaveProperty('live');
    expect(kept).not.toHaveProperty('images');
    t.push('c2'); // not announced: the objects shown are those of the commit the status shows
    const objects = await t.reconciler.objectsOf(REF);
    expect(objects).toMatchObject({ desired: [], live: [], revision: 'c1' });
    expect(t.resolved).toEqual(['main']);
    expect(t.compared.map(app => app.spec.source?.targetRevision)).toEqual(['c1', 'c1']);
    expect(await t.reconciler.objectsOf('application:default/unknown')).toBeUndefined();
  });

  it('asks Git again for a requested refresh', async () => {
    await t.start();
    t.push('c2');
    t.reconciler.enqueue(REF, { force: true });
    await t.reconciler.idle();
    expect(t.resolved).toEqual(['main', 'main']);
    expect(t.reconciler.state(REF)?.refreshed?.revision).toBe('c2');
  });

  it('renders again for a hard refresh only, even when it arrives before the running refresh asked Git', async () => {
    await t.start();
    t.reconciler.enqueue(REF, { force: true });
    // the running refresh would serve a plain request; a hard one runs after it
    t.reconciler.enqueue(REF, { force: true, hard: true });
    await t.reconciler.idle();
    expect(t.fresh).toEqual([false, false, true]);
  });

  it('lets a periodic refresh take a recent ref listing, while new applications and requested refreshes ask Git as it is now', async () => {
    await t.start();
    t.reconciler.enqueue(REF); // what the periodic timer queues
    await t.reconciler.idle();
    t.reconciler.enqueue(REF, { force: true }); // a push webhook, a user refresh, an operation's end
    await t.reconciler.idle();
    expect(t.acceptedRecent).toEqual([false, true, false]);
  });

  it('lets the refreshes one push or request caused share a ref listing asked for after it arrived', async () => {
    await t.start(); // the application appeared at 1 000
    t.tick(500);
    t.reconciler.enqueue(REF, { force: true }); // a push webhook at 1 500
    await t.reconciler.idle();
    t.tick(500);
    // an operation that started at 1 700 ended: Git as of its start will do
    t.reconciler.enqueue(REF, { force: true, listedAfter: 1_700 });
    await t.reconciler.idle();
    expect(t.listedAfter).toEqual([1_000, 1_500, 1_700]);
  });

  it('keeps the latest moment when requests are merged, so none is served by a listing from before it', async () => {
    await t.start();
    const release = t.holdGit();
    t.reconciler.enqueue(REF); // periodic: runs and waits for Git
    await new Promise(r => setImmediate(r));
    t.tick(100);
    t.reconciler.enqueue(REF, { force: true, listedAfter: 1_050 });
    t.reconciler.enqueue(REF, { force: true }); // stamped 1 100
    release();
    await t.reconciler.idle();
    expect(t.listedAfter.slice(1)).toEqual([undefined, 1_100]);
    expect(t.acceptedRecent.slice(1)).toEqual([true, false]);
  });

  it('serves refreshes asked for before the running refresh asked Git with that refresh', async () => {
    await t.start();
    t.push('c2');
    // a webhook names the repository by several URLs: each asks for a refresh
    t.reconciler.enqueue(REF, { force: true });
    t.reconciler.enqueue(REF, { force: true });
    t.reconciler.enqueue(REF, { force: true });
    await t.reconciler.idle();
    expect(t.resolved).toEqual(['main', 'main']);
    expect(t.reconciler.state(REF)?.refreshed?.revision).toBe('c2');
  });

  it('refreshes once more when asked after the running refresh asked Git, which may have answered before the push', async () => {
    await t.start();
    const release = t.holdGit();
    t.reconciler.enqueue(REF, { force: true });
    await new Promise(r => setImmediate(r));
    expect(t.resolved).toEqual(['main', 'main']); // asking, not answered yet
    t.push('c2');
    t.reconciler.enqueue(REF, { force: true });
    release();
    await t.reconciler.idle();
    expect(t.resolved).toEqual(['main', 'main', 'main']);
    expect(t.reconciler.state(REF)?.refreshed?.revision).toBe('c2');
  });

  it('asks Git again for a cluster change when the spec changed since the last commits were resolved', async () => {
    await t.start();
    t.changeSpec(inventoryItem('release', 'spec-2'));
    t.push('c3');
    t.clusterChanged();
    await t.reconciler.idle();
    expect(t.resolved).toEqual(['main', 'release']);
    expect(t.reconciler.state(REF)?.refreshed?.revision).toBe('c3');
  });

  it('leaves an Application annotated skip-reconcile alone: no Git, no comparison, no sync or health written, a condition that says why', async () => {
    const skipped = { ...inventoryItem('main'), skipReconcile: 'skip-reconcile is "true"; remove the annotation' };
    t.changeSpec(skipped);
    await t.start();
    t.clusterChanged();
    t.reconciler.enqueue(REF, { force: true });
    await t.reconciler.idle();
    expect(t.resolved).toEqual([]);
    expect(t.compared).toEqual([]);
    expect(t.writes.length).toBeGreaterThan(0);
    for (const write of t.writes) {
      expect(write).not.toHaveProperty('syncStatus');
      expect(write).not.toHaveProperty('healthStatus');
      expect(write).not.toHaveProperty('reconciledAt');
      expect(write.conditions).toEqual([{ type: 'ReconcileSkipped', message: skipped.skipReconcile }]);
    }

    // the annotation removed in Git: the inventory reports a change, and it compares again
    const resumed = inventoryItem('main');
    t.changeSpec(resumed);
    await t.reconciler.applyInventoryChanges({ added: [], changed: [resumed], removed: [] });
    await t.reconciler.idle();
    expect(t.compared.map(app => app.spec.source?.targetRevision)).toEqual(['c1']);
    expect(t.writes.at(-1)).toMatchObject({ syncStatus: 'Synced', conditions: [] });
  });
});
