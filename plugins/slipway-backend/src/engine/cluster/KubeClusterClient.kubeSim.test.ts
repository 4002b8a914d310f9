import { request } from 'node:http';
import { KubeSim, startKubeSim } from '@slipway/kube-sim';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { stampManaged } from '@slipway/plugin-slipway-node';
import { ClusterCache } from './ClusterCache';
import { ClusterError } from './ClusterClient';
import { KubeClusterClient } from './KubeClusterClient';

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 25));
  }
}

const deployment = (name: string): KubeObject =>
  stampManaged(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } },
      },
    },
    'shop',
  );

describe('KubeClusterClient against kube-sim', () => {
  let sim: KubeSim;
  let client: KubeClusterClient;
  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    client = KubeClusterClient.fromKubeconfigYaml(sim.kubeconfig);
  });
  afterAll(() => sim.stop());

  it('discovers resources with their scope and plural', async () => {
    expect(await client.resourceFor('apps/v1', 'Deployment')).toMatchObject({ plural: 'deployments', namespaced: true, group: 'apps' });
    expect(await client.resourceFor('v1', 'Namespace')).toMatchObject({ plural: 'namespaces', namespaced: false });
    expect(await client.resourceFor('example.com/v1', 'Nothing')).toBeUndefined();
  });

  it('server-side applies as field manager slipway, reads, lists by label and deletes', async () => {
    const applied = await client.apply(deployment('web'), { fieldManager: 'slipway', force: true });
    expect(applied.metadata.uid).toBeTruthy();
    expect((applied.metadata.managedFields as Array<{ manager: string }>).map(f => f.manager)).toContain('slipway');
    const got = await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(got?.kind).toBe('Deployment');
    const listed = await client.list('apps/v1', 'Deployment', { labelSelector: 'slipway.io/app-instance=shop' });
    expect(listed.items.map(i => i.metadata.name)).toContain('web');
    expect(listed.resourceVersion).toBeTruthy();
    expect(await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, { propagationPolicy: 'Background' })).toBe(true);
    await eventually(async () => !(await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })));
    expect(await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })).toBe(false);
  });

  it('dry run persists nothing', async () => {
    await client.apply(deployment('dry'), { fieldManager: 'slipway', dryRun: true });
    expect(await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'dry' })).toBeUndefined();
  });

  it('reports server errors with code and reason', async () => {
    const err = await client
      .create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'missing-ns' } })
      .catch(e => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect(err.code).toBe(404);
    expect(err.message).toMatch(/missing-ns/);
    const unknown = await client.apply({ apiVersion: 'example.com/v1', kind: 'Nothing', metadata: { name: 'x' } }, { fieldManager: 'slipway' }).catch(e => e);
    expect(unknown.message).toMatch(/does not serve Nothing in example.com\/v1/);
  });

  it('feeds the cluster cache: managed objects, owner tree and watch updates', async () => {
    const cache = new ClusterCache({ client, kinds: [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'ConfigMap' }] });
    await cache.start();
    try {
      await client.apply(deployment('tree'), { fieldManager: 'slipway', force: true });
      await eventually(() => cache.resourceTree('shop').filter(n => n.key.kind === 'Pod').length === 2);
      const tree = cache.resourceTree('shop');
      const rs = tree.find(n => n.key.kind === 'ReplicaSet')!;
      expect(rs.parents.map(p => p.name)).toEqual(['tree']);
      expect(tree.filter(n => n.key.kind === 'Pod').every(p => p.parents[0].name === rs.key.name)).toBe(true);
      expect(cache.managedObjects('shop').map(o => o.metadata.name)).toEqual(['tree']);
      await client.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'tree' }, { propagationPolicy: 'Background' });
      await eventually(() => cache.resourceTree('shop').length === 0);
    } finally {
      cache.stop();
    }
  });

  it('discovers around an aggregated API whose backend is down, and the cluster cache starts without it', async () => {
    const metrics = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { namespace: 'kube-system', name: 'metrics-server' },
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    };
    await client.create(metrics);
    const warnings: string[] = [];
    const cache = new ClusterCache({ client, logger: { warn: m => warnings.push(m) }, sleep: () => new Promise(() => {}) });
    try {
      client.invalidateDiscovery();
      const { resources, unavailable } = await client.listResources();
      expect(resources.map(r => `${r.apiVersion} ${r.kind}`)).toContain('v1 ConfigMap');
      expect(unavailable).toEqual([
        { groupVersion: 'metrics.k8s.io/v1beta1', message: expect.stringContaining('the server is currently unable to handle the request') },
      ]);

      await cache.start();
      expect(cache.status().some(s => s.kind === 'ConfigMap' && s.synced)).toBe(true);
      expect(warnings).toEqual([expect.stringContaining('API group version metrics.k8s.io/v1beta1 did not answer discovery')]);
      expect(warnings[0]).toContain('kubectl get apiservice v1beta1.metrics.k8s.io');
    } finally {
      cache.stop();
      await client.delete({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', name: 'v1beta1.metrics.k8s.io' });
      client.invalidateDiscovery();
    }
  });
});

describe('KubeClusterClient against a busy API server', () => {
  let sim: KubeSim;
  beforeEach(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {}, requestLimits: { maxMutatingRequestsInFlight: 1 } });
  });
  afterEach(() => sim.stop());

  /** A create whose body is still on its way: it holds the one mutating slot until released. */
  async function holdMutatingSlot(client: KubeClusterClient) {
    const url = new URL(sim.url);
    const req = request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json', 'content-length': 100 },
    });
    req.on('error', () => {});
    req.flushHeaders();
    // answered after the held request has arrived
    await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' });
    return () => req.destroy();
  }

  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } };

  it("sends a request refused with 429 again after the server's Retry-After", async () => {
    const pauses: number[] = [];
    let release = () => {};
    const client = KubeClusterClient.fromKubeconfigYaml(sim.kubeconfig, undefined, {
      sleep: async ms => {
        pauses.push(ms);
        release();
      },
    });
    release = await holdMutatingSlot(client);

    const applied = await client.apply(configMap, { fieldManager: 'slipway', force: true });
    expect(applied.metadata.uid).toBeTruthy();
    // refused until the server has seen the held request go: each time it asked for a pause of 1 s
    expect(pauses.length).toBeGreaterThan(0);
    expect(pauses.every(ms => ms === 1000)).toBe(true);
  });

  it('gives up after 10 retries with the server\'s message', async () => {
    const pauses: number[] = [];
    const client = KubeClusterClient.fromKubeconfigYaml(sim.kubeconfig, undefined, { sleep: async ms => void pauses.push(ms) });
    const release = await holdMutatingSlot(client);
    try {
      await expect(client.apply(configMap, { fieldManager: 'slipway', force: true })).rejects.toMatchObject({
        code: 429,
        reason: 'TooManyRequests',
        message: 'Too many requests, please try again later.',
      });
      expect(pauses).toEqual(Array(10).fill(1000));
    } finally {
      release();
    }
  });
});
