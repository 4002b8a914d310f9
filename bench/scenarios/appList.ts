/*
 * app-list: 10,000 applications in the store, a filtered page of 50, p95.
 * Measured through the list API (GET /api/slipway/applications with the
 * filters and fields the Slipway page sends, the plugin's router over HTTP,
 * SQLite as the embedded default), under a policy that allows reading the
 * catalog and under one that allows it with conditions (the API then asks
 * the catalog which Applications the caller may see, and filters by them);
 * the value is the slower of the two. The store query alone is in details.
 */
import { performance } from 'node:perf_hooks';
import type { Entity } from '@backstage/catalog-model';
import type { ApplicationStatusFilter, ApplicationStatusField } from '../../plugins/slipway-backend/src/store';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { startApiServer } from '../harness/apiServer';
import { createBenchStore } from '../harness/benchStore';
import { listEngine } from '../harness/listEngine';
import { baseResources } from '../harness/workloads';

const APPS = Number(process.env.BENCH_LIST_APPS ?? 10_000);
const QUERIES = 400;
const TEAMS = 40;
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'prod-eu', 'prod-us'];
const SYNC = ['Synced', 'Synced', 'Synced', 'OutOfSync', 'Unknown'] as const;
const HEALTH = ['Healthy', 'Healthy', 'Healthy', 'Progressing', 'Degraded', 'Missing'] as const;
/** The fields the Slipway page's table asks for. */
const TABLE_FIELDS = 'name,project,environment,cluster,destinationNamespace,owner,sync,health';

function applicationEntity(service: string, env: string, team: string): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${service}-${env}`,
      namespace: 'default',
      annotations: {
        'slipway.io/component': `component:default/${service}`,
        'slipway.io/environment': env,
        'slipway.io/owner': `group:default/${team}`,
      },
    },
    spec: {
      project: team,
      source: { repoURL: 'https://git.example.com/acme/gitops.git', targetRevision: 'main', path: `apps/${service}/${env}` },
      destination: { name: env.startsWith('prod') ? 'prod-cluster' : 'nonprod-cluster', namespace: `${service}-${env}` },
      syncPolicy: { automated: { prune: true } },
    },
  };
}

/** The same filters as query parameters of the list API. */
function queryOf(filter: ApplicationStatusFilter): string {
  const names: Record<string, string> = {
    owner: 'owner', environment: 'environment', syncStatus: 'sync', healthStatus: 'health', cluster: 'cluster', componentRef: 'component',
  };
  const params = new URLSearchParams({ limit: '50', fields: TABLE_FIELDS });
  for (const [key, value] of Object.entries(filter)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(names[key], String(v));
  }
  return params.toString();
}

/** p95 of GET /applications pages (every other one followed by its next page, as scrolling does). */
async function timeListApi(url: string, filters: Array<{ filter: ApplicationStatusFilter }>) {
  const timings: number[] = [];
  const get = async (query: string) => {
    const t = performance.now();
    const response = await fetch(`${url}/api/slipway/applications?${query}`);
    const body = (await response.json()) as { items: unknown[]; nextCursor?: string };
    if (response.status !== 200) throw new Error(`GET /applications?${query} answered ${response.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  for (let q = 0; q < QUERIES; q++) {
    const query = queryOf(filters[q % filters.length].filter);
    const first = await get(query);
    let ms = first.ms;
    if (q % 2 === 1 && first.body.nextCursor) ms = (await get(`${query}&cursor=${encodeURIComponent(first.body.nextCursor)}`)).ms;
    timings.push(ms);
  }
  return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
}

/** The fields of a list item (SlipwayApplication) that the store holds. */
const LIST_FIELDS: ApplicationStatusField[] = [
  'componentRef', 'project', 'cluster', 'namespace', 'environment', 'owner', 'syncStatus', 'syncChangedAt',
  'healthStatus', 'healthMessage', 'healthChangedAt', 'revision', 'commit', 'conditions', 'reconciledAt',
];

export const appListScenario: BenchScenario = {
  name: 'app-list',
  async run() {
    const db = await createBenchStore();
    try {
      const resources = baseResources().map(o => ({
        group: o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '',
        kind: o.kind,
        name: o.metadata!.name!,
        namespace: 'ns',
        status: 'Synced' as const,
        health: { status: 'Healthy' as const },
        managed: true,
      }));
      const load = performance.now();
      const entities: Entity[] = [];
      for (let i = 0; i < APPS; i++) {
        const service = `svc-${String(Math.floor(i / ENVIRONMENTS.length)).padStart(4, '0')}`;
        const env = ENVIRONMENTS[i % ENVIRONMENTS.length];
        entities.push(applicationEntity(service, env, `team-${i % TEAMS}`));
        await db.store.upsertApplicationStatus({
          entityRef: `application:default/${service}-${env}`,
          componentRef: `component:default/${service}`,
          project: `team-${i % TEAMS}`,
          cluster: env.startsWith('prod') ? 'prod-cluster' : 'nonprod-cluster',
          namespace: `${service}-${env}`,
          environment: env,
          owner: `group:default/team-${i % TEAMS}`,
          syncStatus: SYNC[i % SYNC.length],
          healthStatus: HEALTH[i % HEALTH.length],
          revision: (i * 2654435761 % 2 ** 32).toString(16).padStart(40, '0'),
          commit: { author: 'dev@example.com', message: `release ${i}`, date: new Date(1_700_000_000_000 + i * 1000).toISOString() },
          conditions: [],
          resources,
          versions: { images: [{ image: `ghcr.io/acme/${service}:1.${i % 50}.0`, location: 'live' }], charts: [] },
          reconciledAt: new Date().toISOString(),
        });
      }
      const loadSeconds = (performance.now() - load) / 1000;

      // the filters a portal user sends: a team's apps, an environment, the unhealthy ones, combinations
      const filters: Array<{ name: string; filter: ApplicationStatusFilter }> = [
        { name: 'owner', filter: { owner: 'group:default/team-7' } },
        { name: 'owner+environment', filter: { owner: 'group:default/team-3', environment: 'prod' } },
        { name: 'sync OutOfSync', filter: { syncStatus: 'OutOfSync' } },
        { name: 'health Degraded|Missing', filter: { healthStatus: ['Degraded', 'Missing'] } },
        { name: 'cluster+health', filter: { cluster: 'prod-cluster', healthStatus: 'Progressing' } },
        { name: 'component', filter: { componentRef: 'component:default/svc-0420' } },
      ];
      const timings: number[] = [];
      const byFilter: Record<string, number[]> = {};
      let itemsSeen = 0;
      let secondPages = 0;
      const cpu = process.cpuUsage();
      for (let q = 0; q < QUERIES; q++) {
        const { name, filter } = filters[q % filters.length];
        const t = performance.now();
        const page = await db.store.listApplicationStatuses({ filter, fields: LIST_FIELDS, limit: 50 });
        let ms = performance.now() - t;
        itemsSeen += page.items.length;
        // every other query asks for the next page, as scrolling does
        if (q % 2 === 1 && page.nextCursor) {
          const t2 = performance.now();
          const next = await db.store.listApplicationStatuses({ filter, fields: LIST_FIELDS, limit: 50, cursor: page.nextCursor });
          ms = performance.now() - t2;
          itemsSeen += next.items.length;
          secondPages++;
        }
        timings.push(ms);
        (byFilter[name] ??= []).push(ms);
      }
      const used = process.cpuUsage(cpu);

      const engine = listEngine(entities, db.store);
      const viaApi: Record<string, { p50: number; p95: number }> = {};
      for (const policy of ['allow', 'conditional'] as const) {
        const api = await startApiServer({ engine, store: db.store, entities, policy });
        try {
          viaApi[policy] = await timeListApi(api.url, filters);
        } finally {
          await api.stop();
        }
      }
      const slower = Math.max(viaApi.allow.p95, viaApi.conditional.p95);
      return result({
        scenario: 'app-list',
        value: round(slower, 2),
        unit: 'ms',
        goal: 50,
        better: 'lower',
        details: {
          applications: APPS,
          pageSize: 50,
          queries: QUERIES,
          apiP95Ms: { allow: round(viaApi.allow.p95, 2), conditional: round(viaApi.conditional.p95, 2) },
          apiP50Ms: { allow: round(viaApi.allow.p50, 2), conditional: round(viaApi.conditional.p50, 2) },
          storeQueryP95Ms: round(percentile(timings, 95), 2),
          storeQueryP50Ms: round(percentile(timings, 50), 2),
          storeQueryP95MsByFilter: Object.fromEntries(Object.entries(byFilter).map(([k, v]) => [k, round(percentile(v, 95), 2)])),
          secondPages,
          itemsReturned: itemsSeen,
          cpuSeconds: round((used.user + used.system) / 1e6, 2),
          loadSeconds: round(loadSeconds, 1),
          path: 'GET /api/slipway/applications (plugin router over HTTP, fields of the Slipway page) → ApplicationAccess.visibility (allow: none; conditional: the catalog lists the Applications the caller may read, answered in memory here) → DatabaseSlipwayStore.listApplicationStatuses on SQLite in memory → descriptions from the inventory',
        },
      });
    } finally {
      await db.stop();
    }
  },
};
