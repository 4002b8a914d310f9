/*
 * Argo CD's RollingSync through the plugin: Applications of a set sync step
 * by step (a later step only once the earlier ones are Synced and Healthy),
 * and an Application no step selects waits for a manual sync. The catalog
 * module annotates generated Applications with their step; here the
 * entities carry those annotations directly.
 */
import type { Entity } from '@backstage/catalog-model';
import { applicationEntity, eventually, withAnnotations } from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml, slowDeploymentYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

function inRollout(name: string, repoURL: string, step: string): Entity {
  const entity = applicationEntity(name, {
    repoURL,
    path: name.replace('web-', ''),
    namespace: name,
  });
  return withAnnotations(entity, {
    'slipway.io/application-set': 'applicationset:default/web',
    'slipway.io/rolling-sync-step': step,
  });
}

describe('RollingSync rollouts', () => {
  // Pods become ready 1.5 s after they start: dev stays Progressing for a while
  const start = pluginWorld({
    files: {
      'dev/deploy.yaml': slowDeploymentYaml('web', 'nginx:1.27'),
      'qa/deploy.yaml': slowDeploymentYaml('web', 'nginx:1.27'),
      'test/config.yaml': configMapYaml('web-config', 'blue'),
    },
    entities: repoURL => [inRollout('web-dev', repoURL, '0'), inRollout('web-qa', repoURL, '1'), inRollout('web-test', repoURL, 'none')],
    podReadyDelayMs: 1500,
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  it('syncs the second step only after the first is Synced and Healthy, and leaves unselected Applications alone', async () => {
    const { store } = world;
    const status = (name: string) =>
      store.getApplicationStatus(`application:default/${name}`);
    const qa = await eventually(
      async () => {
        const s = await status('web-qa');
        return s?.syncStatus === 'Synced' && s.healthStatus === 'Healthy' && s;
      },
      'web-qa to be Synced and Healthy',
      90_000,
    );
    const dev = await status('web-dev');
    expect(dev).toMatchObject({
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
    });
    const [qaSync] = (await store.listOperations('application:default/web-qa'))
      .items;
    const [devSync] = (
      await store.listOperations('application:default/web-dev')
    ).items;
    expect(qaSync.initiator).toBe('automated');
    // qa was queued only once dev had become Healthy
    expect(Date.parse(qaSync.createdAt)).toBeGreaterThanOrEqual(
      Date.parse(dev!.healthChangedAt!),
    );
    expect(Date.parse(devSync.createdAt)).toBeLessThan(
      Date.parse(qaSync.createdAt),
    );
    expect(qa.conditions.map(c => c.type)).not.toContain('RollingSyncWaiting');

    const test = await status('web-test');
    expect(test?.syncStatus).toBe('OutOfSync');
    expect(test?.conditions).toContainEqual({
      type: 'RollingSyncWaiting',
      message:
        'no step of the RollingSync strategy of ApplicationSet default/web selects this Application; sync it by hand or add a step for its labels',
    });
    expect(
      (await store.listOperations('application:default/web-test')).items,
    ).toEqual([]);
  });
});
