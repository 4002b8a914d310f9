/*
 * Argo CD's orphaned-resource monitoring: an Application whose project sets
 * `orphanedResources` lists the top-level resources of its namespace that no
 * Application tracks (with their children), and warns about them.
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
const API = 'application:default/api';

describe('orphaned resources of an Application', () => {
  const start = pluginWorld({
    files: {
      'web/config.yaml': configMapYaml('web-config', 'blue'),
      'api/config.yaml': configMapYaml('api-config', 'green'),
    },
    entities: repoURL => [
      applicationEntity('web', {
        repoURL,
        path: 'web',
        namespace: 'shop',
        project: 'watched',
        automated: { prune: true },
      }),
      applicationEntity('api', {
        repoURL,
        path: 'api',
        namespace: 'shop',
        automated: { prune: true },
      }),
    ],
    slipway: {
      projects: [
        {
          name: 'watched',
          sourceRepos: ['*'],
          destinations: [{ name: '*', namespace: '*' }],
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
          orphanedResources: {
            ignore: [{ kind: 'ConfigMap', name: 'istio-*' }],
          },
        },
      ],
    },
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  const orphanNodes = async () => {
    const tree = await request(world.server).get(
      '/api/slipway/applications/default/web/tree',
    );
    expect(tree.status).toBe(200);
    return (
      tree.body.nodes as Array<{
        kind: string;
        name: string;
        orphaned?: boolean;
        parents: unknown[];
      }>
    ).filter(n => n.orphaned);
  };

  it('lists what no Application tracks, with its children, warns with their count, and follows their removal', async () => {
    const { sim, store, server } = world;
    await eventually(
      async () =>
        (await store.getApplicationStatus(WEB))?.syncStatus === 'Synced',
      'web to be Synced',
    );
    await eventually(
      async () =>
        (await store.getApplicationStatus(API))?.syncStatus === 'Synced',
      'api to be Synced',
    );
    expect((await store.getApplicationStatus(WEB))?.conditions ?? []).toEqual(
      [],
    );

    // made by hand in the Application's namespace
    const kube = kubeClient(sim);
    const post = (path: string, body: unknown) =>
      fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sim.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then(r => expect(r.status).toBe(201));
    await post('/api/v1/namespaces/shop/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'by-hand' },
      data: {},
    });
    await post('/api/v1/namespaces/shop/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio-ca-root-cert' },
      data: {},
    });
    await post('/apis/apps/v1/namespaces/shop/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'legacy' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'legacy' } },
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] },
        },
      },
    });
    expect(await kube.deployment('shop', 'legacy')).toBeDefined();

    // the periodic refresh sees them: the Deployment, its ReplicaSet and Pod, and the ConfigMap
    const warned = await eventually(async () => {
      const status = await store.getApplicationStatus(WEB);
      return status?.conditions?.find(
        c =>
          c.type === 'OrphanedResourceWarning' &&
          c.message === 'Application has 4 orphaned resources',
      );
    }, 'web to warn about 4 orphaned resources');
    expect(warned).toBeDefined();
    const orphans = await orphanNodes();
    expect(orphans.map(n => `${n.kind}/${n.name}`).sort()).toEqual([
      'ConfigMap/by-hand',
      'Deployment/legacy',
      expect.stringMatching(/^Pod\/legacy-/),
      expect.stringMatching(/^ReplicaSet\/legacy-/),
    ]);
    expect(orphans.find(n => n.kind === 'ReplicaSet')?.parents).toEqual([
      { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'legacy' },
    ]);
    // the other Application's resource, the ignored ConfigMap and the namespace's own objects are not orphans
    const all = (
      await request(server).get('/api/slipway/applications/default/web/tree')
    ).body.nodes.map((n: { name: string }) => n.name);
    expect(all).not.toContain('api-config');
    expect(all).not.toContain('istio-ca-root-cert');
    expect(all).not.toContain('default');
    // an orphan opens like any resource, with its live object
    const detail = await request(server).get(
      '/api/slipway/applications/default/web/resource?kind=ConfigMap&namespace=shop&name=by-hand',
    );
    expect(detail.status).toBe(200);
    expect(detail.body.live.metadata.name).toBe('by-hand');
    // its project does not monitor orphans: api has no warning
    expect((await store.getApplicationStatus(API))?.conditions ?? []).toEqual(
      [],
    );

    // the Deployment deleted: its children go with it, and the count follows
    await fetch(
      `${sim.url}/apis/apps/v1/namespaces/shop/deployments/legacy?propagationPolicy=Foreground`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sim.token}` },
      },
    );
    await eventually(async () => {
      const status = await store.getApplicationStatus(WEB);
      return status?.conditions?.some(
        c => c.message === 'Application has 1 orphaned resources',
      );
    }, 'web to warn about 1 orphaned resource');
    expect((await orphanNodes()).map(n => n.name)).toEqual(['by-hand']);
  });
});
