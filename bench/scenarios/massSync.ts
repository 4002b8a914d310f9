/*
 * mass-sync and apply-limit: 1,000 applications of one ConfigMap each (the
 * shape of AWS's Argo CD scale test), all with automated sync; one commit
 * changes them all and one push notification follows → the time until every
 * application is Synced at that commit. The path is the plugin's runtime
 * with its store, as in production: the push queues a forced refresh of each
 * application, the reconciler sees OutOfSync and queues an automated sync,
 * the operation worker runs it, and the refresh after it reports Synced.
 * apply-limit writes the same objects with a bare server-side-apply loop at
 * the same concurrency, so the ratio shows what the engine adds beyond the
 * API's own cost.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { BenchResult, BenchScenario, percentile, result, round } from '../BenchResult';
import { EngineHarness, measure, runPool, startEngineHarness } from '../harness/EngineHarness';
import { GitCliClone, gitCliClone } from '../harness/gitCliClone';
import { profiled } from '../harness/profile';
import { startRuntime } from '../harness/runtimeHarness';
import { StatusWaiter } from '../harness/statusWaiter';

const APPS = Number(process.env.BENCH_MASS_APPS ?? 1000);
/** Concurrent refreshes and operations of the engine, and in-flight applies of the bare loop. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NAMESPACE = 'mass';
const TIMEOUT_MS = 300_000;

const appName = (i: number) => `mass-${String(i).padStart(4, '0')}`;
const refOf = (i: number) => `application:default/${appName(i)}`;

function configMap(i: number, generation: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: appName(i), namespace: NAMESPACE },
    data: { generation: String(generation), payload: `application ${i} generation ${generation}` },
  };
}

const yamlOf = (obj: KubeObject) => `${JSON.stringify(obj, null, 2)}\n`;

function filesFor(generation: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < APPS; i++) files[`apps/${appName(i)}/configmap.yaml`] = yamlOf(configMap(i, generation));
  return files;
}

function applicationEntities(repoURL: string): Entity[] {
  return Array.from({ length: APPS }, (_, i) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: appName(i), namespace: 'default' },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'main', path: `apps/${appName(i)}` },
      destination: { name: 'sim', namespace: NAMESPACE },
      syncPolicy: { automated: {} },
    },
  }));
}

/**
 * The bare loop: server-side apply over a keep-alive node:http agent, the
 * client-node transport. With `dryRunFirst`, each object is first applied
 * with `dryRun=All`, as a sync does (Slipway dry-runs every object of a
 * sync on the server before it writes any; Argo CD's dry run is
 * kubectl's client-side one, which still reads each object from the API
 * server first): the least any such engine asks of the API.
 */
async function bareApplyLoop(h: EngineHarness, generation: number, options: { dryRunFirst?: boolean } = {}) {
  const url = new URL(h.sim.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const applyOne = async (i: number) => {
    if (options.dryRunFirst) await patchOne(i, '&dryRun=All');
    await patchOne(i, '');
  };
  const patchOne = (i: number, query: string) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(configMap(i, generation));
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PATCH',
          path: `/api/v1/namespaces/${NAMESPACE}/configmaps/${appName(i)}?fieldManager=slipway&force=true${query}`,
          agent,
          headers: {
            authorization: `Bearer ${h.sim.token}`,
            'content-type': 'application/apply-patch+yaml',
            'content-length': Buffer.byteLength(body),
            accept: 'application/json',
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300) reject(new Error(`apply ${appName(i)}: ${res.statusCode} ${text}`));
            else {
              JSON.parse(text);
              resolve();
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const timed = await measure(() => runPool(Array.from({ length: APPS }, (_, i) => i), CONCURRENCY, applyOne));
  agent.destroy();
  return timed;
}

/** The same loop through the engine's own cluster client (client-node), without render, compare or plan. */
async function clientApplyLoop(h: EngineHarness, generation: number) {
  const { client } = await h.connections.connect({ name: 'sim' });
  return measure(() =>
    runPool(Array.from({ length: APPS }, (_, i) => i), CONCURRENCY, i =>
      client.apply(configMap(i, generation), { fieldManager: 'slipway', force: true }),
    ),
  );
}

interface MassSyncRun {
  mass: BenchResult;
  applyLimit: BenchResult;
}

async function runBoth(): Promise<MassSyncRun> {
  // the cluster runs elsewhere: the bare loop and the engine both reach it over HTTP from this process
  const h = await startEngineHarness({ namespaces: [NAMESPACE], simInChildProcess: true });
  const waiter = new StatusWaiter();
  const refs = Array.from({ length: APPS }, (_, i) => refOf(i));
  const syncedAt = (commit: string, t0: number) =>
    waiter.until(refs, s => s.sync === 'Synced' && s.refreshed?.revision === commit, t0, `Synced at ${commit}`, TIMEOUT_MS);
  let cliClone: GitCliClone | undefined;
  try {
    const { url } = await h.git.createRepo('mass', filesFor(1));
    const first = await h.git.headOf('mass');
    // git's own client holds the first commit too; it fetches the second one after the engine, for the floor
    cliClone = await gitCliClone(url);
    const t00 = performance.now();
    const started = await startRuntime({
      engine: h,
      entities: applicationEntities(url),
      slipway: { reconcile: { concurrency: CONCURRENCY }, operations: { concurrency: CONCURRENCY } },
      onSignal: waiter.onSignal,
    });
    const { runtime } = started;
    waiter.follow(ref => runtime.reconciler.state(ref));
    let initial: number[];
    let mass: Awaited<ReturnType<typeof measure<number[]>>>;
    let gitRequests: number;
    try {
      initial = await syncedAt(first, t00);

      // one commit changes every application; the push is announced as a webhook does
      const second = await h.git.commit('mass', filesFor(2), { message: 'change every application' });
      const requestsBefore = await h.git.requestCount();
      const t0 = performance.now();
      mass = await measure(() =>
        profiled('mass-sync', async () => {
          const synced = syncedAt(second, t0);
          const refreshed = await runtime.engine.refreshForPush(url, 'main');
          if (refreshed.length !== APPS) throw new Error(`the push refreshed ${refreshed.length} applications, not ${APPS}`);
          return synced;
        }),
      );
      gitRequests = (await h.git.requestCount()) - requestsBefore;
      const { client } = await h.connections.connect({ name: 'sim' });
      const sample = (await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: appName(APPS - 1), namespace: NAMESPACE })) as KubeObject | undefined;
      if ((sample?.data as Record<string, string> | undefined)?.generation !== '2') {
        throw new Error(`ConfigMap ${appName(APPS - 1)} was not changed by the sync: ${JSON.stringify(sample?.data)}`);
      }
    } finally {
      await started.stop();
    }
    const appsPerSecond = APPS / mass.seconds;

    // the same objects, changed once more, by the bare loops
    const bare = await bareApplyLoop(h, 3);
    const viaClient = await clientApplyLoop(h, 4);
    const dryRunThenApply = await bareApplyLoop(h, 5, { dryRunFirst: true });
    const gitCliFetchSeconds = await cliClone.fetch('main');
    const floorSeconds = gitCliFetchSeconds + dryRunThenApply.seconds;
    const common = { applications: APPS, concurrency: CONCURRENCY, objectsPerApplication: 1 };
    return {
      mass: result({
        scenario: 'mass-sync',
        value: round(appsPerSecond, 1),
        unit: 'apps/s',
        goal: 100,
        better: 'higher',
        details: {
          ...common,
          seconds: round(mass.seconds, 2),
          cpuSeconds: round(mass.cpuSeconds, 2),
          allSyncedP50Seconds: round(percentile(mass.value, 50), 2),
          allSyncedP95Seconds: round(percentile(mass.value, 95), 2),
          gitRequests,
          initialSyncSeconds: round(Math.max(...initial), 2),
          initialAppsPerSecond: round(APPS / Math.max(...initial), 1),
          path: 'push → engine.refreshForPush → Reconciler (forced refresh, automated sync decision) → operation queue in the store (SQLite) → OperationWorker → sync → refresh → Synced at the new commit, every application; Git over smart HTTP, kube-sim over HTTP in a child process (as a cluster runs elsewhere)',
          argoCdDefaultsAppsPerSecond: 3,
          fluxAppsPerSecond: 4,
        },
      }),
      applyLimit: result({
        scenario: 'apply-limit',
        value: round(mass.seconds / bare.seconds, 2),
        unit: 'ratio',
        goal: 1.5,
        better: 'lower',
        details: {
          ...common,
          definition: 'mass-sync seconds ÷ seconds of a bare server-side-apply loop writing the same objects at the same concurrency',
          massSyncSeconds: round(mass.seconds, 2),
          bareApplySeconds: round(bare.seconds, 2),
          bareAppliesPerSecond: round(APPS / bare.seconds, 1),
          bareApplyCpuSeconds: round(bare.cpuSeconds, 2),
          clientNodeApplySeconds: round(viaClient.seconds, 2),
          ratioToClientNodeLoop: round(mass.seconds / viaClient.seconds, 2),
          bareDryRunThenApplySeconds: round(dryRunThenApply.seconds, 2),
          ratioToDryRunThenApplyLoop: round(mass.seconds / dryRunThenApply.seconds, 2),
          dryRunNote: "a sync dry-runs every object on the server before it writes any, so it sends two requests per object where the bare loop sends one (Argo CD's client-side dry run also reads each object from the API server before the apply)",
          gitCliFetchSeconds: round(gitCliFetchSeconds, 2),
          floorRatio: round(floorSeconds / bare.seconds, 2),
          floorNote: "the least any engine that pulls the commit from Git and dry-runs before it applies can reach here: git's own client fetching the commit, then the dry-run-then-apply loop, with no engine work at all",
        },
      }),
    };
  } finally {
    await cliClone?.remove();
    await h.stop();
  }
}

let pending: Promise<MassSyncRun> | undefined;
/** Both scenarios come from one run when both are selected; each runs it when alone. */
function shared(): Promise<MassSyncRun> {
  pending ??= runBoth();
  return pending;
}

export const massSyncScenario: BenchScenario = {
  name: 'mass-sync',
  run: async () => (await shared()).mass,
};

export const applyLimitScenario: BenchScenario = {
  name: 'apply-limit',
  run: async () => (await shared()).applyLimit,
};
