/*
 * Argo CD's Prune=confirm and Delete=confirm: a resource so marked is not
 * pruned by a sync, automated or not, nor deleted by a cascade delete,
 * until the user confirms.
 */
import request from 'supertest';
import {
  applicationEntity,
  eventually,
  kubeClient,
} from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

const WEB = 'application:default/web';

const guarded = (name: string, options: string) =>
  configMapYaml(name, 'red').replace(
    `name: ${name}\n`,
    `name: ${name}\n  annotations:\n    argocd.argoproj.io/sync-options: ${options}\n`,
  );

describe('Prune=confirm and Delete=confirm', () => {
  const start = pluginWorld({
    files: {
      'web/plain.yaml': configMapYaml('plain', 'blue'),
      'web/guarded.yaml': guarded('guarded', 'Prune=confirm'),
      'web/kept.yaml': guarded('kept', 'Delete=confirm'),
    },
    entities: repoURL => [
      applicationEntity('web', {
        repoURL,
        path: 'web',
        namespace: 'apps',
        automated: { prune: true },
      }),
    ],
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  it('prunes a Prune=confirm resource only in a sync that confirms it, and keeps Delete=confirm ones from a cascade delete until confirmed', async () => {
    const { git, sim, store, server } = world;
    const kube = kubeClient(sim);
    await eventually(
      async () =>
        (await store.getApplicationStatus(WEB))?.syncStatus === 'Synced',
      'web to be Synced',
    );

    // both leave Git: automated sync prunes the plain one only
    await git.commit('gitops', {
      'web/plain.yaml': null,
      'web/guarded.yaml': null,
    });
    await eventually(
      async () => !(await kube.configMap('apps', 'plain')),
      'plain to be pruned',
    );
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(await kube.configMap('apps', 'guarded')).toBeDefined();
    const status = await store.getApplicationStatus(WEB);
    expect(status?.syncStatus).toBe('OutOfSync');
    const events = async () => {
      const ops = (await store.listOperations(WEB)).items;
      return (await store.listEvents(ops[0].id)).items.map(
        e => `${e.resourceKey ?? ''} ${e.message ?? ''}`,
      );
    };
    expect(
      (await events()).some(
        e => e.includes('guarded') && e.includes('Prune=confirm'),
      ),
    ).toBe(true);

    // the user confirms
    const sync = await request(server)
      .post('/api/slipway/applications/default/web/sync')
      .send({ prune: true, confirmPrune: true });
    expect(sync.status).toBe(202);
    await eventually(
      async () => !(await kube.configMap('apps', 'guarded')),
      'guarded to be pruned once confirmed',
    );
    await eventually(
      async () =>
        (await store.getApplicationStatus(WEB))?.syncStatus === 'Synced',
      'web to be Synced again',
    );

    // a cascade delete keeps the Delete=confirm one, and says why
    const first = await request(server).delete(
      '/api/slipway/applications/default/web/resources?cascade=true',
    );
    expect(first.status).toBe(200);
    expect(first.body.kept).toEqual([
      {
        resource: {
          group: '',
          kind: 'ConfigMap',
          namespace: 'apps',
          name: 'kept',
        },
        reason:
          'kept (Delete=confirm: delete again with the deletion confirmed)',
      },
    ]);
    expect(await kube.configMap('apps', 'kept')).toBeDefined();
    const confirmed = await request(server).delete(
      '/api/slipway/applications/default/web/resources?cascade=true&confirmDeletion=true',
    );
    expect(confirmed.body.deleted).toEqual(
      expect.arrayContaining([
        { group: '', kind: 'ConfigMap', namespace: 'apps', name: 'kept' },
      ]),
    );
  });
});
