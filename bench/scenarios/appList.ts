/*
 * app-list: 10,000 applications in the store, a filtered page of 50, p95.
 * This measures the store query the list endpoint is built on (SQLite, as
 * the embedded default), with the list fields (no resource tree, no
 * versions); the router's catalog visibility check is not included.
 */
import { performance } from 'node:perf_hooks';
import type { ApplicationStatusFilter, ApplicationStatusField } from '../../plugins/slipway-backend/src/store';
import { BenchScenario, percentile, result, round } from '../BenchResult';
import { createBenchStore } from '../harness/benchStore';
import { baseResources } from '../harness/workloads';

const APPS = Number(process.env.BENCH_LIST_APPS ?? 10_000);
const QUERIES = 400;
const TEAMS = 40;
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'prod-eu', 'prod-us'];
const SYNC = ['Synced', 'Synced', 'Synced', 'OutOfSync', 'Unknown'] as const;
const HEALTH = ['Healthy', 'Healthy', 'Healthy', 'Progressing', 'Degraded', 'Missing'] as const;

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
      for (let i = 0; i < APPS; i++) {
        const service = `svc-${String(Math.floor(i / ENVIRONMENTS.length)).padStart(4, '0')}`;
        const env = ENVIRONMENTS[i % ENVIRONMENTS.length];
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
      return result({
        scenario: 'app-list',
        value: round(percentile(timings, 95), 2),
        unit: 'ms',
        goal: 50,
        better: 'lower',
        details: {
          applications: APPS,
          pageSize: 50,
          queries: QUERIES,
          p50Ms: round(percentile(timings, 50), 2),
          p99Ms: round(percentile(timings, 99), 2),
          p95MsByFilter: Object.fromEntries(Object.entries(byFilter).map(([k, v]) => [k, round(percentile(v, 95), 2)])),
          secondPages,
          itemsReturned: itemsSeen,
          cpuSeconds: round((used.user + used.system) / 1e6, 2),
          loadSeconds: round(loadSeconds, 1),
          path: 'DatabaseSlipwayStore.listApplicationStatuses on SQLite in memory; the store query only, not the REST route (which adds the catalog visibility check)',
        },
      });
    } finally {
      await db.stop();
    }
  },
};
