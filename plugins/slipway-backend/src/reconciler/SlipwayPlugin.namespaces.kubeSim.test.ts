/*
 * Applications of the same name in different catalog namespaces are
 * different applications: each tracks and prunes only its own resources,
 * as Argo CD's applications in any namespace are told apart by
 * `<namespace>_<name>`.
 */
import type { Entity } from '@backstage/catalog-model';
import { applicationEntity, eventually, kubeClient } from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
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
  const start = pluginWorld({
    files: {
      'payments/config.yaml': configMapYaml('payments-config', 'blue'),
      'search/config.yaml': configMapYaml('search-config', 'green'),
    },
    entities: repoURL => [
      applicationEntity('web', { repoURL, path: 'payments', namespace: 'shared', automated: { prune: true, selfHeal: true } }),
      webOf('search', repoURL, 'search'),
    ],
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  it('syncs each, and neither prunes the other one’s resources', async () => {
    const { sim, store } = world;
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
