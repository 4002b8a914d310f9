/*
 * ui-graph: an application of 500 resources is synced into kube-sim by the
 * plugin's runtime; a page with the plugin's ResourceGraph (bundled on each run,
 * split into chunks as a production build is) reads its tree from the engine
 * over HTTP, in headless Chromium →
 * time from navigation start until every node of the graph is in the DOM
 * (first animation frame that shows them). Each run loads the page afresh:
 * nothing is cached by the browser, and the tree is read from the engine on
 * every request. Only the global `performance` is used here: functions
 * sent to the page must not refer to a Node import.
 */
import type { Entity } from '@backstage/catalog-model';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { launchChromium } from '@slipway/test-utils';
import { NO_FILTERS, toGraph } from '../../plugins/slipway/src/components/ResourceGraph/toGraph';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { startApiServer } from '../harness/apiServer';
import { startEngineHarness } from '../harness/EngineHarness';
import { startRuntime } from '../harness/runtimeHarness';
import { baseResources } from '../harness/workloads';
import { bundleGraphPage, ENTRY_SCRIPT } from '../ui-graph/bundlePage';
import { profiledLoad } from '../ui-graph/pageProfile';

const GROUPS = 25; // 25 × the 20-resource service = 500 resources
const RUNS = Number(process.env.BENCH_UI_GRAPH_RUNS ?? 5);
const APP = 'graph';
const REF = `application:default/${APP}`;
const TREE_PATH = `/api/slipway/applications/default/${APP}/tree`;

/** 25 copies of the 20-resource service, every name (and every reference to one) suffixed by the copy. */
function graphManifests(): string {
  const docs: string[] = [];
  for (let g = 1; g <= GROUPS; g++) {
    const base = baseResources();
    const names = new Set(base.map(o => o.metadata!.name as string));
    const suffix = `-g${String(g).padStart(2, '0')}`;
    for (const object of base) {
      const renamed = JSON.parse(JSON.stringify(object), (_key, value) =>
        typeof value === 'string' && names.has(value) ? `${value}${suffix}` : value,
      ) as KubeObject;
      docs.push(JSON.stringify(renamed, null, 2));
    }
  }
  return `${docs.join('\n---\n')}\n`;
}

function applicationEntity(repoURL: string): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: APP, namespace: 'default' },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'main', path: `apps/${APP}` },
      destination: { name: 'sim', namespace: APP },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

// The chunks the entry imports statically are listed up front, as a production build's HTML does.
const html = (initialChunks: string[]) => `<!doctype html>
<html><head><meta charset="utf-8"><title>ui-graph</title>
${initialChunks.map(file => `<link rel="modulepreload" href="/${file}">`).join('\n')}</head>
<body><div id="root"></div>
<script>window.slipwayBench = ${JSON.stringify({ entityRef: REF, name: APP })};</script>
<script type="module" src="/${ENTRY_SCRIPT}"></script></body></html>`;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: () => string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what()}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

export const uiGraphScenario: BenchScenario = {
  name: 'ui-graph',
  async run() {
    const h = await startEngineHarness({ namespaces: [APP] });
    const { url } = await h.git.createRepo('gitops', { [`apps/${APP}/resources.yaml`]: graphManifests() });
    const entity = applicationEntity(url);
    const started = await startRuntime({ engine: h, entities: [entity], onSignal: () => {} });
    const { runtime } = started;
    let server: Awaited<ReturnType<typeof startApiServer>> | undefined;
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    try {
      // synced, and the Deployments' ReplicaSets and Pods are in the tree
      const expectedPods = baseResources().reduce((n, o: any) => n + (o.kind === 'Deployment' ? o.spec.replicas : 0), 0) * GROUPS;
      let seen = 'no state yet';
      const tree = await waitFor(async () => {
        const state = runtime.reconciler.state(REF);
        const [last] = (await started.store.listOperations(REF, { limit: 1 })).items;
        seen = `sync ${state?.sync ?? 'unknown'}, last operation ${last ? `${last.phase}: ${last.message}` : 'none'}`;
        if (state?.sync !== 'Synced') return undefined;
        const t = await runtime.engine.resourceTree(REF);
        const pods = t?.nodes.filter(n => n.kind === 'Pod').length ?? 0;
        seen = `Synced with ${pods} Pods`;
        return t && pods >= expectedPods ? t : undefined;
      }, () => `${REF} to be Synced with ${expectedPods} Pods (last seen: ${seen})`);
      const managed = tree.nodes.filter(n => n.managed).length;
      const graphNodes = toGraph(tree.nodes, NO_FILTERS, { name: APP }).nodes.length;

      const bundled = await (async () => {
        const t0 = performance.now();
        const b = await bundleGraphPage();
        return { ...b, seconds: (performance.now() - t0) / 1000 };
      })();
      let treeRequests = 0;
      // time the tree route spends in the server, request received → response finished
      const treeServerMs: number[] = [];
      server = await startApiServer({
        engine: runtime.engine,
        store: started.store,
        entities: [entity],
        extraRoutes: app => {
          app.use((req, res, next) => {
            if (req.path === TREE_PATH) {
              treeRequests++;
              const t0 = performance.now();
              res.on('finish', () => treeServerMs.push(round(performance.now() - t0, 1)));
            }
            next();
          });
          const send = (type: string, body: string) => (_req: unknown, res: any) =>
            res.set({ 'content-type': type, 'cache-control': 'no-store' }).send(body);
          app.get('/', send('text/html', html(bundled.initialChunks)));
          // the entry script and the chunks it imports when they are needed
          for (const [file, js] of bundled.files) app.get(`/${file}`, send('text/javascript', js));
        },
      });

      browser = await launchChromium();
      const { page } = browser;
      const errors: string[] = [];
      page.on('pageerror', error => errors.push(error.message));
      // the first animation frame in which every node of the graph is in the DOM
      await page.addInitScript(expected => {
        const w = window as any;
        const check = () => {
          if (document.querySelectorAll('[data-testid^="resource-node-"]').length >= expected) {
            w.graphRenderedAt = performance.now();
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, graphNodes);

      const runs: Array<{
        seconds: number;
        treeResponseEndMs: number;
        renderAfterTreeMs: number;
        bundleLoadedMs: number;
        scriptsFetched: number;
        scriptBytesFetched: number;
      }> = [];
      for (let run = 0; run < RUNS; run++) {
        await profiledLoad(page, run + 1, async () => {
          await page.goto(`${server!.url}/`);
          await page.waitForFunction(() => (window as any).graphRenderedAt !== undefined, undefined, { timeout: 120_000 }).catch(error => {
            throw new Error(`the graph of ${REF} did not show its ${graphNodes} nodes: ${errors.join('; ') || (error as Error).message}`);
          });
        });
        const timing = await page.evaluate(({ treePath, entryScript }) => {
          const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const treeEntry = entries.find(e => e.name.endsWith(treePath));
          const bundle = entries.find(e => e.name.endsWith(`/${entryScript}`));
          const scripts = entries.filter(e => e.name.endsWith('.js'));
          return {
            rendered: (window as any).graphRenderedAt as number,
            tree: treeEntry?.responseEnd ?? NaN,
            bundle: bundle?.responseEnd ?? NaN,
            scripts: scripts.length,
            scriptBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0),
          };
        }, { treePath: TREE_PATH, entryScript: ENTRY_SCRIPT });
        runs.push({
          seconds: round(timing.rendered / 1000, 3),
          treeResponseEndMs: round(timing.tree, 1),
          renderAfterTreeMs: round(timing.rendered - timing.tree, 1),
          bundleLoadedMs: round(timing.bundle, 1),
          scriptsFetched: timing.scripts,
          scriptBytesFetched: timing.scriptBytes,
        });
      }
      const seconds = runs.map(r => r.seconds);
      return result({
        scenario: 'ui-graph',
        value: round(percentile(seconds, 50), 3),
        unit: 's',
        goal: 1,
        better: 'lower',
        details: {
          value: `median of ${RUNS} page loads, navigation start → all graph nodes in the DOM`,
          managedResources: managed,
          treeNodes: tree.nodes.length,
          graphNodes,
          firstLoadSeconds: round(seconds[0], 3),
          maxSeconds: round(Math.max(...seconds), 3),
          runs,
          treeRequests,
          treeServerMs,
          bundleBytes: bundled.bytes,
          entryScriptBytes: bundled.entryBytes,
          bundleFiles: bundled.files.size,
          initialChunks: bundled.initialChunks.length,
          bundleBuildSeconds: round(bundled.seconds, 1),
          browser: 'headless Chromium (Debian) via playwright-core, 1280×800',
          path: 'ResourceGraph (DependencyGraph) with SlipwayClient → GET …/tree answered by the plugin router (GET /api/slipway/applications/:namespace/:name/tree) over DefaultSlipwayEngine.resourceTree of the plugin runtime (500-resource application synced into kube-sim); no browser cache',
        },
      });
    } finally {
      await browser?.close();
      await server?.stop();
      await started.stop();
      await h.stop();
    }
  },
};
