/*
 * realistic-sync: 200 applications of 20 resources each (Deployments,
 * Services, Ingress, HPAs, ConfigMaps, Secrets, RBAC, PDB, NetworkPolicy),
 * rendered by `kubectl kustomize` from a base and one overlay per
 * application as in the demo repository, all with automated sync → time
 * from the plugin's start until every application is Synced and Healthy
 * (Pods ready, Ingress address published, HPAs able to scale). The path is
 * the plugin's runtime, as in production: the catalog brings the
 * applications, the reconciler compares them and queues automated syncs,
 * the operation worker runs them, and the cluster's watch events refresh
 * them until healthy.
 */
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { measure, startEngineHarness } from '../harness/EngineHarness';
import { profiled } from '../harness/profile';
import { startRuntime } from '../harness/runtimeHarness';
import { StatusWaiter } from '../harness/statusWaiter';
import { kustomizeRepo } from '../harness/workloads';

const APPS = Number(process.env.BENCH_REALISTIC_APPS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POD_READY_DELAY_MS = 1000;
const TIMEOUT_MS = 300_000;

const appName = (i: number) => `shop-${String(i).padStart(3, '0')}`;

function applicationEntity(repoURL: string, name: string): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'default' },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'main', path: `overlays/${name}` },
      destination: { name: 'sim', namespace: name },
      syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

export const realisticSyncScenario: BenchScenario = {
  name: 'realistic-sync',
  async run() {
    const h = await startEngineHarness({
      podReadyDelayMs: POD_READY_DELAY_MS,
      addons: { ingress: true, hpa: true },
      // the cluster runs elsewhere: its simulation is not the engine's work
      simInChildProcess: true,
    });
    try {
      const names = Array.from({ length: APPS }, (_, i) => appName(i));
      const { url } = await h.git.createRepo('shop', kustomizeRepo(names, '1.4.0'));
      const head = await h.git.headOf('shop');
      const waiter = new StatusWaiter();
      const refs = names.map(name => `application:default/${name}`);
      const t0 = performance.now();
      const timed = await measure(() => profiled('realistic-sync', async () => {
        const started = await startRuntime({
          engine: h,
          entities: names.map(name => applicationEntity(url, name)),
          slipway: { reconcile: { concurrency: CONCURRENCY }, operations: { concurrency: CONCURRENCY } },
          onSignal: waiter.onSignal,
        });
        waiter.follow(ref => started.runtime.reconciler.state(ref));
        try {
          const seconds = await waiter.until(
            refs,
            s => s.sync === 'Synced' && s.health === 'Healthy' && s.refreshed?.revision === head,
            t0,
            'Synced and Healthy',
            TIMEOUT_MS,
          );
          const resources = started.runtime.reconciler.state(refs[0])?.refreshed?.resources.length;
          return { seconds, resources };
        } finally {
          await started.stop();
        }
      }));
      const perApp = timed.value.seconds;
      return result({
        scenario: 'realistic-sync',
        value: round(timed.seconds, 2),
        unit: 's',
        goal: 30,
        better: 'lower',
        details: {
          applications: APPS,
          resourcesPerApplication: timed.value.resources,
          concurrency: CONCURRENCY,
          cpuSeconds: round(timed.cpuSeconds, 2),
          appHealthyP50Seconds: round(percentile(perApp, 50), 2),
          appHealthyP95Seconds: round(percentile(perApp, 95), 2),
          podReadyDelayMs: POD_READY_DELAY_MS,
          renderer: 'kubectl kustomize, one overlay per application over a shared base',
          path: 'plugin start → catalog inventory → Reconciler (compare, automated sync decision) → operation queue in the store (SQLite) → OperationWorker → sync (CreateNamespace) → watch-driven refreshes until Synced and Healthy',
          note: 'kube-sim (in a child process, as a cluster runs elsewhere) simulates Deployments, ReplicaSets and Pods, and with its add-ons an ingress controller and the HPA controller; cpuSeconds are the engine process only',
        },
      });
    } finally {
      await h.stop();
    }
  },
};
