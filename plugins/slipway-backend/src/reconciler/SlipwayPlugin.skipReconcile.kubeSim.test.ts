/*
 * Argo CD's `argocd.argoproj.io/skip-reconcile: "true"` stops all
 * processing of an Application: nothing is compared, synced or deleted,
 * and its status is not updated. Slipway adds a condition that says why.
 */
import request from 'supertest';
import {
  applicationEntity,
  eventually,
  kubeClient,
  withAnnotations,
} from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

describe('an Application annotated skip-reconcile', () => {
  const start = pluginWorld({
    files: {
      'web/config.yaml': configMapYaml('web-config', 'blue'),
      'paused/config.yaml': configMapYaml('paused-config', 'green'),
    },
    entities: repoURL => [
      applicationEntity('web', {
        repoURL,
        path: 'web',
        namespace: 'apps',
        automated: { prune: true, selfHeal: true },
      }),
      withAnnotations(
        applicationEntity('paused', {
          repoURL,
          path: 'paused',
          namespace: 'apps',
          automated: { prune: true, selfHeal: true },
        }),
        { 'argocd.argoproj.io/skip-reconcile': 'true' },
      ),
    ],
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  it('is neither compared nor synced, though automated; its status says why, and sync and delete are refused', async () => {
    const { sim, store, server } = world;
    await eventually(
      async () =>
        (
          await store.getApplicationStatus('application:default/web')
        )?.syncStatus === 'Synced',
      'web to be Synced',
    );
    const paused = await eventually(async () => {
      const status = await store.getApplicationStatus(
        'application:default/paused',
      );
      return (
        status?.conditions?.some(c => c.type === 'ReconcileSkipped') && status
      );
    }, 'paused to carry its ReconcileSkipped condition');
    expect(paused.syncStatus).toBe('Unknown');
    expect(paused.resources ?? []).toEqual([]);
    expect(paused.conditions).toEqual([
      expect.objectContaining({
        type: 'ReconcileSkipped',
        message: expect.stringContaining(
          'its annotation argocd.argoproj.io/skip-reconcile is "true"; remove the annotation',
        ),
      }),
    ]);

    const kube = kubeClient(sim);
    expect(await kube.configMap('apps', 'web-config')).toBeDefined();
    expect(await kube.configMap('apps', 'paused-config')).toBeUndefined();

    const sync = await request(server)
      .post('/api/slipway/applications/default/paused/sync')
      .send({});
    expect(sync.status).toBe(409);
    expect(sync.body.error.message).toContain(
      'Cannot sync application:default/paused now',
    );
    expect(sync.body.error.message).toContain('skip-reconcile is "true"');

    const remove = await request(server).delete(
      '/api/slipway/applications/default/paused/resources?cascade=true',
    );
    expect(remove.status).toBe(409);
    expect(remove.body.error.message).toContain('nothing was deleted');

    // a refresh is accepted and leaves it as it was
    expect(
      (
        await request(server)
          .post('/api/slipway/applications/default/paused/refresh')
          .send({})
      ).status,
    ).toBe(202);
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(await kube.configMap('apps', 'paused-config')).toBeUndefined();
    expect(
      (await store.listOperations('application:default/paused')).items,
    ).toEqual([]);
  });
});
