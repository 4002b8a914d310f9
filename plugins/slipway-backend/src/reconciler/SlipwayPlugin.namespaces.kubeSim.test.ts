/*
 * Applications of the same name in different catalog namespaces are
 * different applications: each tracks and prunes only its own resources,
 * as Argo CD's applications in any namespace are told apart by
 * `<namespace>_<name>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import type { Knex } from 'knex';
import { DatabaseSlipwayStore } from '../store';
import { applicationEntity, eventually, kubeClient, startSlipway } from './__testUtils__/backendHarness';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

/** `web` in catalog namespace `team`, deploying `path` to the cluster namespace `shared`. */
function webOf(team: string, repoURL: string, pathInRepo: string): Entity {
  const entity = applicationEntity('web', {
    repoURL,
    path: pathInRepo,
    namespace: 'shared',
    automated: { prune: true, selfHeal: true },
  });
  return { ...entity, metadata: { ...entity.metadata, namespace: team } };
}

describe('Applications with one name in several catalog namespaces', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let git: GitTestServer;
  let sim: KubeSim;
  let knex: Knex;
  let store: DatabaseSlipwayStore;
  let backend: Awaited<ReturnType<typeof startSlipway>>;
  let workDir: string;

  beforeAll(async () => {
    git = await GitTestServer.start();
    const { url: repoURL } = await git.createRepo('gitops', {
      'payments/config.yaml': configMapYaml('payments-config', 'blue'),
      'search/config.yaml': configMapYaml('search-config', 'green'),
    });
    sim = await startKubeSim({ podReadyDelayMs: 0 });
    knex = await databases.init('SQLITE_3');
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-namespaces-'));
    backend = await startSlipway({
      knex,
      sim,
      workDir,
      entities: [
        applicationEntity('web', { repoURL, path: 'payments', namespace: 'shared', automated: { prune: true, selfHeal: true } }),
        webOf('search', repoURL, 'search'),
      ],
    });
    store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
    await git?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('syncs each, and neither prunes the other one’s resources', async () => {
    const healthy = async (ref: string) => {
      const s = await store.getApplicationStatus(ref);
      return s?.syncStatus === 'Synced' && s.healthStatus === 'Healthy' && s;
    };
    await eventually(() => healthy('application:default/web'), 'default/web to be Synced and Healthy');
    await eventually(() => healthy('application:search/web'), 'search/web to be Synced and Healthy');
    const kube = kubeClient(sim);
    const payments = await kube.configMap('shared', 'payments-config');
    const search = await kube.configMap('shared', 'search-config');
    expect(payments.metadata.labels['slipway.io/app-instance']).toBe('web');
    expect(search.metadata.labels['slipway.io/app-instance']).toBe('search_web');

    // several reconcile rounds later both are still there, each listed by its own application only
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect(await kube.configMap('shared', 'payments-config')).toBeDefined();
    expect(await kube.configMap('shared', 'search-config')).toBeDefined();
    const names = async (ref: string) => ((await store.getApplicationStatus(ref))?.resources ?? []).map(r => r.name);
    expect(await names('application:default/web')).toEqual(['payments-config']);
    expect(await names('application:search/web')).toEqual(['search-config']);
    // one sync each: neither saw the other's resource as its own, to prune or to heal
    const operations = async (ref: string) => (await store.listOperations(ref)).items.length;
    expect(await operations('application:default/web')).toBe(1);
    expect(await operations('application:search/web')).toBe(1);
  });
});
