/*
 * webhook-latency: one application of 20 resources with automated sync;
 * 50 times, a commit lands on its branch and a push webhook follows → the
 * time from the push to the application being Synced at that commit. The
 * path is the plugin's runtime with production settings: the webhook (a
 * signed GitHub push event, POST /api/slipway/webhooks/git through the
 * plugin's router over HTTP) queues a forced refresh, the reconciler sees OutOfSync and queues an automated
 * sync, the operation worker claims and runs it, and the refresh after it
 * reports Synced. Status signals mark each step, so nothing is polled.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import type { SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { startApiServer } from '../harness/apiServer';
import { startEngineHarness } from '../harness/EngineHarness';
import { profiled } from '../harness/profile';
import { startRuntime } from '../harness/runtimeHarness';
import { directoryRepo } from '../harness/workloads';

const PUSHES = Number(process.env.BENCH_WEBHOOK_PUSHES ?? 50);
const APP = 'web';
const REF = `application:default/${APP}`;
const TIMEOUT_MS = 60_000;
const SECRET = 'bench-webhook-secret';

const tagOf = (push: number) => `2.${push}.0`;

function applicationEntity(repoURL: string): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: APP, namespace: 'default', annotations: { 'slipway.io/component': 'component:default/web' } },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'main', path: `apps/${APP}` },
      destination: { name: 'sim', namespace: APP },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** When each step of one push was seen, in ms since the push. */
interface PushTimeline {
  outOfSync?: number;
  operationSucceeded?: number;
  synced?: number;
}

export const webhookLatencyScenario: BenchScenario = {
  name: 'webhook-latency',
  async run() {
    const h = await startEngineHarness({ namespaces: [APP] });
    let watching: { commit: string; t0: number; timeline: PushTimeline; done(): void } | undefined;
    const onSignal = (message: SlipwaySignalMessage) => {
      if (!watching || message.entityRef !== REF) return;
      const at = performance.now() - watching.t0;
      const { timeline } = watching;
      if (message.sync === 'OutOfSync') timeline.outOfSync ??= at;
      if (message.operation?.phase === 'Succeeded') timeline.operationSucceeded ??= at;
      if (message.sync === 'Synced' && runtime.reconciler.state(REF)?.refreshed?.revision === watching.commit) {
        timeline.synced = at;
        watching.done();
      }
    };
    const { url } = await h.git.createRepo('gitops', directoryRepo([APP], tagOf(0)));
    const started = await startRuntime({ engine: h, entities: [applicationEntity(url)], onSignal });
    const { runtime } = started;
    const entities = [applicationEntity(url)];
    const api = await startApiServer({ engine: runtime.engine, store: started.store, entities, slipway: { webhooks: { github: { secret: SECRET } } } });
    try {
      /** Resolves when REF is Synced at `commit`; `trigger` runs right after the clock starts. */
      const timeToSynced = (commit: string, t0: number, trigger: () => Promise<void>) =>
        new Promise<PushTimeline>((resolve, reject) => {
          const timeline: PushTimeline = {};
          const timer = setTimeout(
            () => reject(new Error(`${REF} was not Synced at ${commit} ${TIMEOUT_MS / 1000} s after the push; steps seen: ${JSON.stringify(timeline)}`)),
            TIMEOUT_MS,
          );
          watching = {
            commit,
            t0,
            timeline,
            done: () => {
              clearTimeout(timer);
              watching = undefined;
              resolve(timeline);
            },
          };
          trigger().catch(error => {
            clearTimeout(timer);
            reject(error);
          });
        });

      // the first commit: the application appears and is synced by automated sync
      const first = await h.git.headOf('gitops');
      const initial = await timeToSynced(first, performance.now(), async () => {
        if (runtime.reconciler.state(REF)?.refreshed?.revision === first && runtime.reconciler.state(REF)?.sync === 'Synced') {
          watching?.done();
        }
      });

      // a GitHub push event, signed with the configured secret
      const webhookMs: number[] = [];
      const notify = async (commit: string, before: string) => {
        const body = JSON.stringify({ ref: 'refs/heads/main', before, after: commit, repository: { clone_url: url, html_url: url.replace(/\.git$/, '') } });
        const signature = crypto.createHmac('sha256', SECRET).update(body).digest('hex');
        const sent = performance.now();
        const response = await fetch(`${api.url}/api/slipway/webhooks/git`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${signature}` },
          body,
        });
        webhookMs.push(performance.now() - sent);
        const answer = (await response.json()) as { refreshed?: string[] };
        if (response.status !== 200 || !answer.refreshed?.includes(REF)) {
          throw new Error(`the webhook for ${commit} answered ${response.status} ${JSON.stringify(answer)}; expected 200 refreshing ${REF}`);
        }
      };
      const timelines: PushTimeline[] = [];
      await profiled('webhook-latency-pushes', async () => {
        for (let push = 1; push <= PUSHES; push++) {
          const before = await h.git.headOf('gitops');
          const commit = await h.git.commit('gitops', directoryRepo([APP], tagOf(push)), { message: `release ${tagOf(push)}` });
          timelines.push(await timeToSynced(commit, performance.now(), () => notify(commit, before)));
        }
      });

      // the cluster runs what the last push asked for
      const { client } = await h.connections.connect({ name: 'sim' });
      const deployment = (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: APP })) as any;
      const image: string = deployment?.spec?.template?.spec?.containers?.[0]?.image ?? '';
      if (!image.endsWith(`:${tagOf(PUSHES)}`)) throw new Error(`Deployment ${APP}/api runs ${image}, not tag ${tagOf(PUSHES)} of the last push`);
      const resources = runtime.reconciler.state(REF)?.refreshed?.resources.length;

      const seconds = timelines.map(t => t.synced! / 1000);
      const stepP50 = (step: keyof PushTimeline) => round(percentile(timelines.map(t => t[step] ?? NaN).filter(Number.isFinite), 50), 1);
      return result({
        scenario: 'webhook-latency',
        value: round(percentile(seconds, 95), 3),
        unit: 's',
        goal: 1.5,
        better: 'lower',
        details: {
          pushes: PUSHES,
          resources,
          p50Seconds: round(percentile(seconds, 50), 3),
          p50Goal: 0.5,
          p95Seconds: round(percentile(seconds, 95), 3),
          maxSeconds: round(Math.max(...seconds), 3),
          stepsP50Ms: { outOfSync: stepP50('outOfSync'), synced: stepP50('synced') },
          // the watch-driven refresh often reports Synced before the operation's own end is published
          operationEndedBeforeSynced: timelines.filter(t => t.operationSucceeded !== undefined).length,
          initialSyncSeconds: round(initial.synced! / 1000, 2),
          via: 'router',
          webhookResponseP50Ms: round(percentile(webhookMs, 50), 1),
          path: 'POST /api/slipway/webhooks/git (GitHub push, X-Hub-Signature-256) → engine.refreshForPush → Reconciler (forced refresh, automated sync decision) → operation queue in the store (SQLite) → OperationWorker → sync → refresh → Synced; production reconcile and operation settings',
        },
      });
    } finally {
      await api.stop();
      await started.stop();
      await h.stop();
    }
  },
};
