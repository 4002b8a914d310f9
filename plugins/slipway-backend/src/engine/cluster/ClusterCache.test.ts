import { KubeObject } from '@slipway/plugin-slipway-common';
import { stampManaged } from '@slipway/plugin-slipway-node';
import { ClusterCache } from './ClusterCache';
import { MemoryClusterClient } from './MemoryClusterClient';

const flush = () => new Promise(r => setImmediate(r));

function deployment(name: string, app: string): KubeObject {
  return stampManaged(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop' },
    },
    app,
  );
}

function ownedBy(
  owner: KubeObject,
  apiVersion: string,
  kind: string,
  name: string,
  extraLabels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: extraLabels,
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name!,
          uid: owner.metadata.uid!,
          controller: true,
        },
      ],
    },
  };
}

describe('ClusterCache', () => {
  let client: MemoryClusterClient;
  let cache: ClusterCache;

  beforeEach(() => {
    client = new MemoryClusterClient();
    client.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    cache = new ClusterCache({ client, sleep: async () => {} });
  });
  afterEach(() => cache.stop());

  it('lists only objects carrying the tracking label, per application', async () => {
    client.put(deployment('web', 'shop'));
    client.put(deployment('api', 'other'));
    client.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'unmanaged', namespace: 'shop' },
    });
    await cache.start();
    expect(cache.managedObjects('shop').map(o => o.metadata.name)).toEqual([
      'web',
    ]);
    expect(cache.managedObjects('other').map(o => o.metadata.name)).toEqual([
      'api',
    ]);
    expect(
      cache.get({
        group: '',
        kind: 'ConfigMap',
        namespace: 'shop',
        name: 'unmanaged',
      }),
    ).toBeUndefined();
  });

  it('follows watch events: additions, updates and deletions', async () => {
    await cache.start();
    const events: string[] = [];
    cache.onChange(e =>
      events.push(`${e.type} ${e.object.metadata.name} ${e.appName}`),
    );
    const before = cache.generation('shop');
    client.put(deployment('web', 'shop'));
    client.put({ ...deployment('web', 'shop'), spec: { replicas: 3 } });
    await flush();
    expect((cache.managedObjects('shop')[0].spec as any).replicas).toBe(3);
    client.remove({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
    });
    await flush();
    expect(cache.managedObjects('shop')).toEqual([]);
    expect(events).toEqual([
      'ADDED web shop',
      'MODIFIED web shop',
      'DELETED web shop',
    ]);
    expect(cache.generation('shop')).toBe(before + 3);
  });

  it('keeps managedFields whole (the diff reads field ownership) while sharing equal field sets and bodies', async () => {
    const withFields = (name: string) => ({
      ...deployment(name, 'shop'),
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'app' }] } } },
      metadata: {
        ...deployment(name, 'shop').metadata,
        managedFields: [
          {
            manager: 'slipway',
            operation: 'Apply',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:spec': { 'f:replicas': {} } },
          },
        ],
      },
    });
    client.put(withFields('web'));
    client.put(withFields('api'));
    await cache.start();
    const [api, web] = cache
      .managedObjects('shop')
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    expect(web.metadata.managedFields).toEqual(
      withFields('web').metadata.managedFields,
    );
    const fieldsOf = (o: KubeObject) =>
      (o.metadata.managedFields![0] as { fieldsV1: unknown }).fieldsV1;
    expect(fieldsOf(api)).toBe(fieldsOf(web));
    expect(api.spec).toBe(web.spec);
    expect(web.spec).toEqual(withFields('web').spec);
    expect(api.metadata.name).toBe('api');
  });

  it('builds the resource tree through owner references, without counting copied labels as managed', async () => {
    const web = client.put(deployment('web', 'shop'));
    const rs = client.put(ownedBy(web, 'apps/v1', 'ReplicaSet', 'web-1'));
    // the Pod template copied the tracking label onto the Pod: it is a child, not a managed resource
    client.put(
      ownedBy(rs, 'v1', 'Pod', 'web-1-a', {
        'slipway.io/app-instance': 'shop',
      }),
    );
    client.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'shop' },
    });
    await cache.start();
    const tree = cache.resourceTree('shop');
    expect(
      tree.map(
        n =>
          `${n.key.kind}/${n.key.name} <- ${n.parents
            .map(p => p.name)
            .join(',')}`,
      ),
    ).toEqual([
      'Deployment/web <- ',
      'ReplicaSet/web-1 <- web',
      'Pod/web-1-a <- web-1',
    ]);
    expect(cache.managedObjects('shop').map(o => o.kind)).toEqual([
      'Deployment',
    ]);
    const pod = cache.get({
      group: '',
      kind: 'Pod',
      namespace: 'shop',
      name: 'web-1-a',
    })!;
    expect(cache.appOf(pod)).toBe('shop');
  });

  it('re-lists after 410 Gone and drops objects deleted while it was not watching', async () => {
    client.put(deployment('web', 'shop'));
    client.put(deployment('old', 'shop'));
    await cache.start();
    expect(cache.managedObjects('shop')).toHaveLength(2);
    // end the watches, then change state before the cache re-lists
    client.expireWatches();
    client.remove({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'old',
    });
    client.put(deployment('new', 'shop'));
    await flush();
    await flush();
    expect(
      cache
        .managedObjects('shop')
        .map(o => o.metadata.name)
        .sort(),
    ).toEqual(['new', 'web']);
    expect(cache.status().every(s => s.synced)).toBe(true);
  });

  it('reports a kind whose list fails, once while it fails alike, and keeps retrying', async () => {
    let failures = 2;
    const original = client.list.bind(client);
    client.list = async (apiVersion, kind, options) => {
      if (kind === 'Secret' && failures-- > 0)
        throw new Error('connection refused');
      return original(apiVersion, kind, options);
    };
    const warnings: string[] = [];
    cache = new ClusterCache({
      client,
      sleep: async () => {},
      logger: { warn: m => warnings.push(m) },
    });
    await cache.start();
    await flush();
    await flush();
    expect(warnings).toEqual(['list of v1/Secret failed: connection refused']);
    expect(cache.status().find(s => s.kind === 'Secret')?.synced).toBe(true);
  });

  it('watches what discovery found when a group version does not answer, and its kinds once it does', async () => {
    client.addType({ apiVersion: 'metrics.example.com/v1beta1', kind: 'Usage', plural: 'usages', namespaced: true });
    client.put(stampManaged({ apiVersion: 'metrics.example.com/v1beta1', kind: 'Usage', metadata: { name: 'web', namespace: 'shop' } }, 'web'));
    client.put(deployment('web', 'web'));
    client.setUnavailable('metrics.example.com/v1beta1', 'the server is currently unable to handle the request');
    const pauses: Array<() => void> = [];
    const warnings: string[] = [];
    cache = new ClusterCache({
      client,
      sleep: () => new Promise<void>(resolve => pauses.push(resolve)),
      logger: { warn: m => warnings.push(m) },
    });

    await cache.start();
    expect(cache.managedObjects('web').map(o => o.kind)).toEqual(['Deployment']);
    expect(cache.status().some(s => s.kind === 'Usage')).toBe(false);
    expect(warnings).toEqual([
      'API group version metrics.example.com/v1beta1 did not answer discovery (the server is currently unable to handle the request): ' +
        'its kinds are not watched until it does; check its APIService (kubectl get apiservice v1beta1.metrics.example.com)',
    ]);

    // still unavailable at the next look: asked again later, not warned again
    pauses.shift()!();
    await flush();
    expect(pauses).toHaveLength(1);
    expect(warnings).toHaveLength(1);

    client.setUnavailable('metrics.example.com/v1beta1', undefined);
    pauses.shift()!();
    await flush();
    await flush();
    expect(cache.managedObjects('web').map(o => o.kind).sort()).toEqual(['Deployment', 'Usage']);
    expect(cache.status().find(s => s.kind === 'Usage')?.synced).toBe(true);
    expect(pauses).toHaveLength(0);
  });
});
