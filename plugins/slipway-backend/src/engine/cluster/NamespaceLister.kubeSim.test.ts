import { KubeSim, startKubeSim } from '@slipway/kube-sim';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { KubeClusterClient } from './KubeClusterClient';
import { NamespaceLister } from './NamespaceLister';

const ns = 'orphans';
const configMap = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data: { a: '1' },
});

describe('NamespaceLister against kube-sim', () => {
  let sim: KubeSim;
  let client: KubeClusterClient;
  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    client = KubeClusterClient.fromKubeconfigYaml(sim.kubeconfig);
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await client.create(configMap('by-hand'));
    await client.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    await client.create({
      ...configMap('elsewhere'),
      metadata: { name: 'elsewhere', namespace: 'default' },
    });
  });
  afterAll(() => sim.stop());

  it('lists every object of the namespace, of every served kind, but the kinds Argo CD excludes (events, endpoints)', async () => {
    // the Service's Endpoints and EndpointSlice are made by kube-sim's controller
    await new Promise(r => setTimeout(r, 200));
    expect(
      (await client.list('v1', 'Endpoints', { namespace: ns })).items.length,
    ).toBeGreaterThan(0);
    const objects = await new NamespaceLister({ client }).objects(ns);
    const ids = objects
      .map(o => `${o.apiVersion}/${o.kind}/${o.metadata.name}`)
      .sort();
    expect(ids).toContain('v1/ConfigMap/by-hand');
    expect(ids).toContain('v1/Service/web');
    // the namespace's own ServiceAccount is listed; the orphan rules leave it out
    expect(ids).toContain('v1/ServiceAccount/default');
    expect(ids.some(id => /\/(Endpoints|EndpointSlice|Event)\//.test(id))).toBe(
      false,
    );
    expect(ids).not.toContain('v1/ConfigMap/elsewhere');
    expect(objects.every(o => o.metadata.namespace === ns)).toBe(true);
  });

  it('shares a listing for a few seconds, then lists again', async () => {
    let clock = 0;
    const lister = new NamespaceLister({
      client,
      now: () => clock,
      ttlMs: 5_000,
    });
    const first = await lister.objects(ns);
    await client.create(configMap('later'));
    expect(await lister.objects(ns)).toBe(first);
    clock += 5_000;
    expect((await lister.objects(ns)).map(o => o.metadata.name)).toContain(
      'later',
    );
  });

  it('leaves out a kind it cannot list and says so once', async () => {
    const warnings: string[] = [];
    const failing = {
      listResources: () => client.listResources(),
      list: async (
        apiVersion: string,
        kind: string,
        options?: { namespace?: string },
      ) => {
        if (kind === 'Secret')
          throw new Error(
            'secrets is forbidden: User "slipway" cannot list resource "secrets"',
          );
        return client.list(apiVersion, kind, options);
      },
    };
    const lister = new NamespaceLister({
      client: failing,
      ttlMs: 0,
      logger: { warn: m => warnings.push(m) },
    });
    expect((await lister.objects(ns)).map(o => o.metadata.name)).toContain(
      'by-hand',
    );
    await lister.objects(ns);
    expect(warnings).toEqual([
      'could not list Secret (v1) in namespace orphans to look for orphaned resources; they are left out: secrets is forbidden: User "slipway" cannot list resource "secrets"',
    ]);
  });
});
