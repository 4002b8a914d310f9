/*
 * steady-refresh and memory, on one fleet: 1,000 applications of 20
 * resources each, synced. steady-refresh: nothing changes, every
 * application is refreshed once through the reconciler (the cheap path:
 * commit, spec and live objects unchanged). memory: RSS of this process
 * (the engine, its cluster cache, the reconciler's state, the store) with
 * the fleet synced minus RSS before any application, after a forced GC;
 * kube-sim runs in a child process, as a real cluster runs elsewhere.
 */
import { ConfigReader } from '@backstage/config';
import type { EngineApplication } from '../../plugins/slipway-backend/src/engine/app/types';
import type { InventoryApplication } from '../../plugins/slipway-backend/src/inventory';
import { readProjectsConfig } from '../../plugins/slipway-backend/src/projects';
import { Reconciler } from '../../plugins/slipway-backend/src/reconciler/Reconciler';
import type { SlipwayMetrics } from '../../plugins/slipway-backend/src/reconciler/metrics';
import { BenchResult, BenchScenario, percentile, result, round } from '../BenchResult';
import { createBenchStore } from '../harness/benchStore';
import { EngineHarness, measure, quietLogger, runPool, startEngineHarness } from '../harness/EngineHarness';
import { profiled } from '../harness/profile';
import { directoryRepo } from '../harness/workloads';

const APPS = Number(process.env.BENCH_FLEET_APPS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const STEADY_PASSES = 3;
const MiB = 1024 * 1024;

const appName = (i: number) => `fleet-${String(i).padStart(4, '0')}`;

function memory() {
  for (let i = 0; i < 3; i++) global.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external };
}

const SETTLE_STEP_MS = 1_000;
const SETTLE_MIN_MS = 8_000;
const SETTLE_STABLE_STEPS = 3;
const SETTLE_MAX_MS = 30_000;

/**
 * Memory once the process has settled: after a burst of work V8 keeps the
 * pages it grew into until its memory reducer runs on an idle isolate
 * (seconds later, and not always at the first chance), so RSS right after the
 * burst says more about the burst than about what the process holds. Sampled
 * after forced GCs every second for at least 8 s, until RSS has not fallen by
 * 1 MiB over 3 samples in a row, at most 30 s; idle and loaded are measured
 * the same way.
 */
async function settledMemory() {
  let last = memory();
  let stable = 0;
  for (let waited = SETTLE_STEP_MS; waited <= SETTLE_MAX_MS; waited += SETTLE_STEP_MS) {
    await new Promise(r => setTimeout(r, SETTLE_STEP_MS));
    const next = memory();
    stable = last.rss - next.rss < MiB ? stable + 1 : 0;
    last = next;
    if (waited >= SETTLE_MIN_MS && stable >= SETTLE_STABLE_STEPS) break;
  }
  return last;
}

async function syncUntilSynced(h: EngineHarness, app: EngineApplication) {
  let refreshed = await h.controller.refresh(app);
  for (let attempt = 0; attempt < 200 && refreshed.syncStatus !== 'Synced'; attempt++) {
    if (refreshed.syncStatus === 'OutOfSync') {
      const outcome = await h.controller.sync(app, {});
      if (outcome.operation.phase !== 'Succeeded') {
        throw new Error(`sync of ${app.name} ended ${outcome.operation.phase}: ${outcome.operation.message}`);
      }
    } else await new Promise(r => setTimeout(r, 20));
    refreshed = await h.controller.refresh(app);
  }
  if (refreshed.syncStatus !== 'Synced') throw new Error(`${app.name} stayed ${refreshed.syncStatus}`);
  return refreshed.resources.length;
}

interface FleetRun {
  steady: BenchResult;
  memory: BenchResult;
}

async function runFleet(): Promise<FleetRun> {
  if (!global.gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  const h = await startEngineHarness({ simInChildProcess: true });
  const db = await createBenchStore();
  try {
    const names = Array.from({ length: APPS }, (_, i) => appName(i));
    const { url } = await h.git.createRepo('fleet', directoryRepo(names, '1.0.0'));
    const apps: EngineApplication[] = names.map(name => ({
      name,
      spec: {
        source: { repoURL: url, targetRevision: 'main', path: `apps/${name}` },
        destination: { name: 'sim', namespace: name },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    }));
    // the backend up and connected to its cluster, no application yet
    await h.connections.connect({ name: 'sim' });
    const idle = await settledMemory();

    const fleetSync = await measure(() => runPool(apps, CONCURRENCY, app => syncUntilSynced(h, app)));

    const items: InventoryApplication[] = apps.map(app => ({
      entityRef: `application:default/${app.name}`,
      app,
      specHash: `spec-of-${app.name}`,
      project: 'default',
      entityNamespace: 'default',
      namespace: app.spec.destination.namespace,
      cluster: 'sim',
    }));
    const byRef = new Map(items.map(i => [i.entityRef, i]));
    const outcomes = { full: 0, cheap: 0, error: 0 };
    const durations: number[] = [];
    const reconciler = new Reconciler({
      inventory: { get: ref => byRef.get(ref), list: () => items },
      controller: h.controller,
      clusters: h.connections,
      resolveCluster: d => (d.name === 'sim' || d.server === h.sim.url ? { name: 'sim', server: h.sim.url } : undefined),
      source: h.rendering.source,
      store: db.store,
      projects: readProjectsConfig(new ConfigReader({})),
      enqueueAutoSync: async () => {
        throw new Error('no application of the fleet has automated sync');
      },
      publish: () => {},
      logger: quietLogger(),
      metrics: {
        reconciled: (ms, outcome) => {
          outcomes[outcome]++;
          durations.push(ms);
        },
        synced: () => {},
      } satisfies SlipwayMetrics,
      concurrency: CONCURRENCY,
      refreshIntervalMs: 3_600_000,
      selfHealTimeoutMs: 5_000,
    });
    try {
      // the first reconcile of each application compares in full and stores its status
      const first = await measure(async () => {
        await reconciler.applyInventoryChanges({ added: items, changed: [], removed: [] });
        await reconciler.idle();
      });
      const firstOutcomes = { ...outcomes };
      const storedSynced = (
        await db.store.listApplicationStatuses({ filter: { syncStatus: 'Synced' }, limit: 1000, fields: ['syncStatus'] })
      ).items.length;

      // nothing changes: refresh the whole fleet
      const passes: Array<{ seconds: number; cpuSeconds: number; cheap: number; full: number; p95Ms: number; gitRequests: number }> = [];
      for (let pass = 0; pass < STEADY_PASSES; pass++) {
        outcomes.full = outcomes.cheap = outcomes.error = 0;
        durations.length = 0;
        const gitBefore = await h.git.requestCount();
        const timed = await profiled(`steady-refresh-pass-${pass + 1}`, () =>
          measure(async () => {
            for (const item of items) reconciler.enqueue(item.entityRef);
            await reconciler.idle();
          }),
        );
        passes.push({
          seconds: round(timed.seconds, 3),
          cpuSeconds: round(timed.cpuSeconds, 3),
          cheap: outcomes.cheap,
          full: outcomes.full,
          p95Ms: round(percentile(durations, 95), 2),
          gitRequests: (await h.git.requestCount()) - gitBefore,
        });
      }
      const steadySeconds = percentile(passes.map(p => p.seconds), 50);

      // for comparison: the same fleet compared in full by the controller (no cheap path); the
      // comparisons are dropped, so that the memory measured next is the engine's, not this scenario's
      const fullCompare = await measure(async () => {
        await runPool(apps, CONCURRENCY, async app => void (await h.controller.refresh(app)));
      });

      const rightAfter = memory();
      const loaded = await settledMemory();
      const perAppMiB = (loaded.rss - idle.rss) / MiB / APPS;
      const common = { applications: APPS, resourcesPerApplication: fleetSync.value[0], concurrency: CONCURRENCY };
      return {
        steady: result({
          scenario: 'steady-refresh',
          value: round(steadySeconds, 3),
          unit: 's',
          goal: 1,
          better: 'lower',
          details: {
            ...common,
            passes,
            path: 'Reconciler (work queue, cheap refresh when commit, spec hash and cache generation are unchanged; status written to the store) over ApplicationController',
            firstFullReconcileSeconds: round(first.seconds, 2),
            firstReconcileOutcomes: firstOutcomes,
            fullCompareWithoutCheapPathSeconds: round(fullCompare.seconds, 2),
            fleetSyncSeconds: round(fleetSync.seconds, 2),
            storedSyncedAfterFirstReconcile: storedSynced,
            store: 'SQLite in memory (better-sqlite3)',
          },
        }),
        memory: result({
          scenario: 'memory',
          value: round(perAppMiB, 3),
          unit: 'MiB/app',
          goal: 0.1,
          better: 'lower',
          details: {
            ...common,
            idleRssMiB: round(idle.rss / MiB, 1),
            loadedRssMiB: round(loaded.rss / MiB, 1),
            loadedRssRightAfterWorkMiB: round(rightAfter.rss / MiB, 1),
            perApplicationRightAfterWorkMiB: round((rightAfter.rss - idle.rss) / MiB / APPS, 3),
            heapUsedGrowthMiB: round((loaded.heapUsed - idle.heapUsed) / MiB, 1),
            heapTotalGrowthMiB: round((loaded.heapTotal - idle.heapTotal) / MiB, 1),
            externalGrowthMiB: round((loaded.external - idle.external) / MiB, 1),
            measuredAfterGc: true,
            measured: 'settled: forced GCs every second, at least 8 s, until RSS stops falling for 3 samples (at most 30 s), idle and loaded alike',
            holds: 'cluster watch cache (managed objects, ReplicaSets, Pods), reconciler state per application (last comparison), render cache, store',
            kubeSim: 'child process, not counted',
          },
        }),
      };
    } finally {
      reconciler.stop();
    }
  } finally {
    await db.stop();
    await h.stop();
  }
}

let pending: Promise<FleetRun> | undefined;
const shared = () => (pending ??= runFleet());

export const steadyRefreshScenario: BenchScenario = {
  name: 'steady-refresh',
  run: async () => (await shared()).steady,
};

export const memoryScenario: BenchScenario = {
  name: 'memory',
  run: async () => (await shared()).memory,
};
