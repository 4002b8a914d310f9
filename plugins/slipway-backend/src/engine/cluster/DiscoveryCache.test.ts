import { ClusterError } from './ClusterClient';
import { DiscoveryCache } from './DiscoveryCache';

/** Discovery documents as an API server serves them, with an aggregated metrics API registered. */
const documents: Record<string, unknown> = {
  '/api': { versions: ['v1'] },
  '/apis': {
    groups: [
      {
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1' }],
        preferredVersion: { version: 'v1' },
      },
      {
        name: 'metrics.k8s.io',
        versions: [{ groupVersion: 'metrics.k8s.io/v1beta1' }],
        preferredVersion: { version: 'v1beta1' },
      },
    ],
  },
  '/api/v1': {
    resources: [
      {
        name: 'configmaps',
        kind: 'ConfigMap',
        namespaced: true,
        verbs: ['get', 'list', 'watch'],
      },
      { name: 'pods/status', kind: 'Pod', namespaced: true, verbs: ['get'] },
    ],
  },
  '/apis/apps/v1': {
    resources: [
      {
        name: 'deployments',
        kind: 'Deployment',
        namespaced: true,
        verbs: ['get', 'list', 'watch'],
      },
      {
        name: 'deployments/status',
        kind: 'Deployment',
        namespaced: true,
        verbs: ['get', 'patch', 'update'],
      },
      {
        name: 'deployments/scale',
        kind: 'Scale',
        namespaced: true,
        verbs: ['get', 'patch', 'update'],
      },
    ],
  },
  '/apis/metrics.k8s.io/v1beta1': {
    resources: [
      {
        name: 'pods',
        kind: 'PodMetrics',
        namespaced: true,
        verbs: ['get', 'list'],
      },
    ],
  },
};

/** The aggregator's answer for an APIService whose service is down. */
const serviceUnavailable = () =>
  new ClusterError(
    'the server is currently unable to handle the request',
    503,
    'ServiceUnavailable',
  );

function discovery(failing: Set<string>) {
  const asked: string[] = [];
  const cache = new DiscoveryCache(async path => {
    asked.push(path);
    if (failing.has(path)) throw serviceUnavailable();
    if (!(path in documents))
      throw new ClusterError(
        'the server could not find the requested resource',
        404,
        'NotFound',
      );
    return documents[path];
  });
  return { cache, asked };
}

const kinds = (resources: Array<{ apiVersion: string; kind: string }>) =>
  resources.map(r => `${r.apiVersion} ${r.kind}`);

describe('DiscoveryCache', () => {
  it('lists every resource of every served group version, each with its subresources', async () => {
    const { cache } = discovery(new Set());
    const { resources, unavailable } = await cache.all();
    expect(kinds(resources)).toEqual([
      'v1 ConfigMap',
      'apps/v1 Deployment',
      'metrics.k8s.io/v1beta1 PodMetrics',
    ]);
    expect(resources.map(r => r.subresources)).toEqual([
      [],
      ['status', 'scale'],
      [],
    ]);
    expect(resources.every(r => r.preferred)).toBe(true);
    expect(unavailable).toEqual([]);
  });

  it('reports a group version that does not answer instead of failing the whole, and asks it again next time', async () => {
    const failing = new Set(['/apis/metrics.k8s.io/v1beta1']);
    const { cache, asked } = discovery(failing);

    const first = await cache.all();
    expect(kinds(first.resources)).toEqual([
      'v1 ConfigMap',
      'apps/v1 Deployment',
    ]);
    expect(first.unavailable).toEqual([
      {
        groupVersion: 'metrics.k8s.io/v1beta1',
        message: 'the server is currently unable to handle the request',
      },
    ]);
    await expect(
      cache.resourceFor('metrics.k8s.io/v1beta1', 'PodMetrics'),
    ).rejects.toMatchObject({ code: 503 });

    failing.clear();
    asked.length = 0;
    const second = await cache.all();
    expect(kinds(second.resources)).toContain(
      'metrics.k8s.io/v1beta1 PodMetrics',
    );
    expect(second.unavailable).toEqual([]);
    // the group versions that answered stay cached
    expect(
      asked.filter(p => p.startsWith('/api/') || p.startsWith('/apis/')),
    ).toEqual(['/apis/metrics.k8s.io/v1beta1']);
  });

  it('fails when the group list itself does not answer', async () => {
    const { cache } = discovery(new Set(['/apis']));
    await expect(cache.all()).rejects.toMatchObject({ code: 503 });
  });
});
