import { KubeSim, startKubeSim } from '../startKubeSim';
import { rest, Rest } from '../__testUtils__/rest';

const AGGREGATED_V2 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const KUBECTL_ACCEPT = `${AGGREGATED_V2},application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`;

/**
 * Discovery after the API concepts page ("Discovery API": aggregated
 * discovery apidiscovery.k8s.io/v2, KEP-3352) and the legacy
 * APIResourceList/APIGroupList endpoints.
 */
describe('discovery', () => {
  let sim: KubeSim;
  let api: Rest;

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  const resourceOf = (list: any, group: string, plural: string) => {
    const g = list.items.find((i: any) => (i.metadata.name ?? '') === group);
    return g?.versions[0].resources.find((r: any) => r.resource === plural);
  };

  it('answers /apis in the aggregated format with its content type when asked', async () => {
    const res = await api.get('/apis', { accept: KUBECTL_ACCEPT });
    expect(res.status).toBe(200);
    const ct = res.headers.get('content-type')!.replace(/\s/g, '');
    expect(ct).toContain('g=apidiscovery.k8s.io');
    expect(ct).toContain('v=v2');
    expect(ct).toContain('as=APIGroupDiscoveryList');
    expect(res.body).toMatchObject({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
    });
    const apps = res.body.items.find((i: any) => i.metadata.name === 'apps');
    expect(apps.versions.map((v: any) => v.version)).toEqual(['v1']);
    expect(apps.versions[0].freshness).toBe('Current');
    expect(
      res.body.items.find((i: any) => (i.metadata.name ?? '') === ''),
    ).toBeUndefined();
    const deployments = resourceOf(res.body, 'apps', 'deployments');
    expect(deployments).toMatchObject({
      resource: 'deployments',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      shortNames: ['deploy'],
      categories: ['all'],
    });
    expect([...deployments.verbs].sort()).toEqual([
      'create',
      'delete',
      'deletecollection',
      'get',
      'list',
      'patch',
      'update',
      'watch',
    ]);
    const subs = Object.fromEntries(
      deployments.subresources.map((s: any) => [s.subresource, s]),
    );
    expect(subs.status.responseKind).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    expect(subs.scale.responseKind).toEqual({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
    expect([...subs.scale.verbs].sort()).toEqual(['get', 'patch', 'update']);
    expect(
      resourceOf(res.body, 'rbac.authorization.k8s.io', 'clusterroles').scope,
    ).toBe('Cluster');
  });

  it('answers /api with the core group in the aggregated format', async () => {
    const res = await api.get('/api', { accept: AGGREGATED_V2 });
    expect(res.body.kind).toBe('APIGroupDiscoveryList');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].versions[0].version).toBe('v1');
    expect(resourceOf(res.body, '', 'namespaces')).toMatchObject({
      scope: 'Cluster',
      shortNames: ['ns'],
      responseKind: { group: '', version: 'v1', kind: 'Namespace' },
    });
    expect(resourceOf(res.body, '', 'pods')).toMatchObject({
      scope: 'Namespaced',
      shortNames: ['po'],
    });
  });

  it('answers v2beta1 when only that is accepted, and the legacy format for plain JSON', async () => {
    const beta = await api.get('/apis', {
      accept:
        'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    });
    expect(beta.body.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    const legacy = await api.get('/apis', { accept: 'application/json' });
    expect(legacy.body.kind).toBe('APIGroupList');
    const apps = legacy.body.groups.find((g: any) => g.name === 'apps');
    expect(apps.preferredVersion).toEqual({
      groupVersion: 'apps/v1',
      version: 'v1',
    });
    const core = await api.get('/api');
    expect(core.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
  });

  it('lists resources per group version with kind, namespaced, verbs and shortNames (legacy discovery)', async () => {
    const v1 = await api.get('/api/v1');
    expect(v1.body).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'v1',
    });
    const byName = Object.fromEntries(
      v1.body.resources.map((r: any) => [r.name, r]),
    );
    expect(byName.pods).toMatchObject({
      kind: 'Pod',
      namespaced: true,
      shortNames: ['po'],
      singularName: 'pod',
    });
    expect(byName.pods.verbs).toEqual(
      expect.arrayContaining([
        'get',
        'list',
        'watch',
        'create',
        'delete',
        'patch',
        'update',
      ]),
    );
    expect(byName['pods/status']).toMatchObject({
      kind: 'Pod',
      namespaced: true,
    });
    expect(byName.namespaces).toMatchObject({
      kind: 'Namespace',
      namespaced: false,
      shortNames: ['ns'],
    });
    expect(byName.services.shortNames).toEqual(['svc']);
    const apps = await api.get('/apis/apps/v1');
    const deploy = apps.body.resources.find(
      (r: any) => r.name === 'deployments',
    );
    expect(deploy).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      shortNames: ['deploy'],
    });
    expect(
      apps.body.resources.find((r: any) => r.name === 'deployments/scale'),
    ).toMatchObject({
      kind: 'Scale',
      group: 'autoscaling',
      version: 'v1',
    });
    expect((await api.get('/apis/nothing.example.com/v1')).status).toBe(404);
  });

  it('serves a new CRD in both discovery formats', async () => {
    await api.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: {
          plural: 'crontabs',
          singular: 'crontab',
          kind: 'CronTab',
          shortNames: ['ct'],
        },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    });
    let agg: any;
    for (let i = 0; i < 50 && !agg; i++) {
      const res = await api.get('/apis', { accept: AGGREGATED_V2 });
      agg = resourceOf(res.body, 'stable.example.com', 'crontabs');
      if (!agg) await new Promise(r => setTimeout(r, 10));
    }
    expect(agg).toMatchObject({
      scope: 'Namespaced',
      shortNames: ['ct'],
      responseKind: {
        group: 'stable.example.com',
        version: 'v1',
        kind: 'CronTab',
      },
    });
    const legacy = await api.get('/apis/stable.example.com/v1');
    expect(legacy.body.resources[0]).toMatchObject({
      name: 'crontabs',
      kind: 'CronTab',
      namespaced: true,
    });
  });
});
