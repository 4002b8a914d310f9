/*
 * realistic-sync: 200 applications of 20 resources each (Deployments,
 * Services, Ingress, HPAs, ConfigMaps, Secrets, RBAC, PDB, NetworkPolicy),
 * rendered by `kubectl kustomize` from a base and one overlay per
 * application as in the demo repository → time until every application is
 * Synced and Healthy (Pods ready, Ingress address published, HPAs able to scale).
 */
import { performance } from 'node:perf_hooks';
import type { EngineApplication } from '../../plugins/slipway-backend/src/engine/app/types';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { startAddonControllers } from '../harness/addonControllers';
import { EngineHarness, measure, runPool, startEngineHarness } from '../harness/EngineHarness';
import { kustomizeRepo } from '../harness/workloads';

const APPS = Number(process.env.BENCH_REALISTIC_APPS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POD_READY_DELAY_MS = 1000;

const appName = (i: number) => `shop-${String(i).padStart(3, '0')}`;

async function syncUntilHealthy(h: EngineHarness, app: EngineApplication, t0: number) {
  let refreshed = await h.controller.refresh(app);
  let syncs = 0;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (refreshed.syncStatus === 'Synced' && refreshed.health.status === 'Healthy') {
      return { seconds: (performance.now() - t0) / 1000, syncs, resources: refreshed.resources.length };
    }
    if (refreshed.syncStatus === 'OutOfSync' && syncs < 3) {
      syncs++;
      const outcome = await h.controller.sync(app, {});
      if (outcome.operation.phase !== 'Succeeded') {
        throw new Error(`sync of ${app.name} ended ${outcome.operation.phase}: ${outcome.operation.message}`);
      }
    } else {
      await new Promise(r => setTimeout(r, 100));
    }
    refreshed = await h.controller.refresh(app);
  }
  throw new Error(
    `${app.name} did not become Synced and Healthy: ${refreshed.syncStatus}/${refreshed.health.status} ` +
      JSON.stringify(refreshed.resources.filter(r => r.status !== 'Synced' || r.health?.status !== 'Healthy').map(r => [r.key.kind, r.key.name, r.status, r.health?.status])),
  );
}

export const realisticSyncScenario: BenchScenario = {
  name: 'realistic-sync',
  async run() {
    const h = await startEngineHarness({ podReadyDelayMs: POD_READY_DELAY_MS, renderCacheEntries: APPS * 2 + 10 });
    const addons = startAddonControllers(h.sim);
    try {
      const names = Array.from({ length: APPS }, (_, i) => appName(i));
      const { url } = await h.git.createRepo('shop', kustomizeRepo(names, '1.4.0'));
      const apps: EngineApplication[] = names.map(name => ({
        name,
        spec: {
          source: { repoURL: url, targetRevision: 'main', path: `overlays/${name}` },
          destination: { name: 'sim', namespace: name },
          syncPolicy: { syncOptions: ['CreateNamespace=true'] },
        },
      }));
      const t0 = performance.now();
      const timed = await measure(() => runPool(apps, CONCURRENCY, app => syncUntilHealthy(h, app, t0)));
      const perApp = timed.value.map(v => v.seconds);
      return result({
        scenario: 'realistic-sync',
        value: round(timed.seconds, 2),
        unit: 's',
        goal: 30,
        better: 'lower',
        details: {
          applications: APPS,
          resourcesPerApplication: timed.value[0]?.resources,
          concurrency: CONCURRENCY,
          cpuSeconds: round(timed.cpuSeconds, 2),
          appHealthyP50Seconds: round(percentile(perApp, 50), 2),
          appHealthyP95Seconds: round(percentile(perApp, 95), 2),
          podReadyDelayMs: POD_READY_DELAY_MS,
          renderer: 'kubectl kustomize, one overlay per application over a shared base',
          path: 'per application: ApplicationController.refresh → sync (CreateNamespace) → refresh until Synced and Healthy',
          note: 'kube-sim simulates Deployments, ReplicaSets and Pods; an ingress controller and the HPA controller are simulated by the bench (status written over the API)',
        },
      });
    } finally {
      addons.stop();
      await h.stop();
    }
  },
};
