/*
 * mass-sync and apply-limit: 1,000 applications of one ConfigMap each (the
 * shape of AWS's Argo CD scale test); one commit changes them all; the time
 * until every application is Synced again. apply-limit writes the same
 * objects with a bare server-side-apply loop at the same concurrency, so the
 * ratio shows what the engine adds beyond the API's own cost.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { EngineApplication } from '../../plugins/slipway-backend/src/engine/app/types';
import { BenchResult, BenchScenario, percentile, result, round } from '../BenchResult';
import { EngineHarness, measure, runPool, startEngineHarness } from '../harness/EngineHarness';

const APPS = Number(process.env.BENCH_MASS_APPS ?? 1000);
/** In-flight applications, for the engine and for the bare loop alike. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NAMESPACE = 'mass';

const appName = (i: number) => `mass-${String(i).padStart(4, '0')}`;

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

function applications(repoURL: string): EngineApplication[] {
  return Array.from({ length: APPS }, (_, i) => ({
    name: appName(i),
    spec: {
      source: { repoURL, targetRevision: 'main', path: `apps/${appName(i)}` },
      destination: { name: 'sim', namespace: NAMESPACE },
    },
  }));
}

/**
 * What the reconciler does for one application after a push: refresh, see
 * OutOfSync, sync, and refresh until the comparison says Synced (the cache
 * follows the cluster by watch). Returns the seconds from start to Synced.
 */
async function syncUntilSynced(h: EngineHarness, app: EngineApplication, expectedRevision: string, t0: number) {
  let refreshed = await h.controller.refresh(app);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (refreshed.revision === expectedRevision && refreshed.syncStatus === 'Synced') {
      return (performance.now() - t0) / 1000;
    }
    if (refreshed.syncStatus === 'OutOfSync') {
      const outcome = await h.controller.sync(app, {});
      if (outcome.operation.phase !== 'Succeeded') {
        throw new Error(`sync of ${app.name} ended ${outcome.operation.phase}: ${outcome.operation.message}`);
      }
    } else {
      await new Promise(r => setTimeout(r, 5));
    }
    refreshed = await h.controller.refresh(app);
  }
  throw new Error(`${app.name} did not become Synced: ${refreshed.syncStatus} at ${refreshed.revision}`);
}

/** The bare loop: server-side apply over a keep-alive node:http agent, the client-node transport. */
async function bareApplyLoop(h: EngineHarness, generation: number) {
  const url = new URL(h.sim.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const applyOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(configMap(i, generation));
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PATCH',
          path: `/api/v1/namespaces/${NAMESPACE}/configmaps/${appName(i)}?fieldManager=slipway&force=true`,
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
  const h = await startEngineHarness({ namespaces: [NAMESPACE], renderCacheEntries: APPS * 2 + 10 });
  try {
    const { url } = await h.git.createRepo('mass', filesFor(1));
    const apps = applications(url);
    const first = await h.git.headOf('mass');
    const initial = await measure(() =>
      runPool(apps, CONCURRENCY, app => syncUntilSynced(h, app, first, performance.now())),
    );

    // one commit changes every application
    const second = await h.git.commit('mass', filesFor(2), { message: 'change every application' });
    const requestsBefore = await h.git.requestCount();
    const t0 = performance.now();
    const mass = await measure(() => runPool(apps, CONCURRENCY, app => syncUntilSynced(h, app, second, t0)));
    const appsPerSecond = APPS / mass.seconds;
    const gitRequests = (await h.git.requestCount()) - requestsBefore;

    // the same objects, changed once more, by the bare loops
    const bare = await bareApplyLoop(h, 3);
    const viaClient = await clientApplyLoop(h, 4);
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
          initialSyncSeconds: round(initial.seconds, 2),
          initialAppsPerSecond: round(APPS / initial.seconds, 1),
          path: 'per application: ApplicationController.refresh → sync → refresh until Synced at the new commit (Git over smart HTTP, kube-sim over HTTP)',
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
        },
      }),
    };
  } finally {
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
