import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import { deploymentManifest, rest, Rest } from '../__testUtils__/rest';

/**
 * Service → Endpoints / EndpointSlice and PVC → Bound, after the "Service",
 * "EndpointSlices" and "Persistent Volumes" concept pages.
 */
describe('service and storage controllers', () => {
  let sim: KubeSim;
  let api: Rest;
  const core = '/api/v1/namespaces/default';

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('a Service selects ready pods: Endpoints addresses and EndpointSlice endpoints carry their IPs', async () => {
    await api.post(
      '/apis/apps/v1/namespaces/default/deployments',
      deploymentManifest('shop'),
    );
    await api.post('/apis/apps/v1/namespaces/default/deployments', {
      ...deploymentManifest('shop-canary', {
        replicas: 1,
        annotations: { 'kube-sim.slipway.io/fault': 'never-ready' },
      }),
    });
    const svc = await api.post(`${core}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {
        selector: { app: 'shop' },
        ports: [{ name: 'web', port: 8080, targetPort: 'http' }],
      },
    });
    expect(svc.body.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
    });
    expect(svc.body.spec.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(svc.body.spec.ports[0].protocol).toBe('TCP');

    const ready = await eventually(async () => {
      const items = (await api.get(`${core}/pods?labelSelector=app%3Dshop`))
        .body.items as any[];
      const ok = items.filter(p =>
        p.status?.conditions?.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
      );
      return ok.length === 2 ? ok : undefined;
    });
    const ips = ready.map(p => p.status.podIP).sort();
    expect(new Set(ips).size).toBe(2);

    const ep = await eventually(async () => {
      const e = await api.get(`${core}/endpoints/shop`);
      return e.body.subsets?.[0]?.addresses?.length === 2 ? e.body : undefined;
    });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: any) => a.ip).sort()).toEqual(ips);
    expect(ep.subsets[0].addresses[0].targetRef).toMatchObject({ kind: 'Pod' });
    // the named targetPort resolves to the container port named "http"
    expect(ep.subsets[0].ports).toEqual([
      { name: 'web', port: 80, protocol: 'TCP' },
    ]);

    const slices = (
      await api.get(
        `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent(
          'kubernetes.io/service-name=shop',
        )}`,
      )
    ).body.items as any[];
    expect(slices).toHaveLength(1);
    const slice = slices[0];
    expect(slice.addressType).toBe('IPv4');
    expect(slice.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Service',
      name: 'shop',
    });
    expect(slice.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP' }]);
    const readyIps = slice.endpoints
      .filter((e: any) => e.conditions.ready)
      .flatMap((e: any) => e.addresses)
      .sort();
    expect(readyIps).toEqual(ips);

    // a pod that is not Ready is listed as not ready
    await api.patch(`${core}/services/shop`, 'application/merge-patch+json', {
      spec: { selector: { app: null, tier: 'shop' } },
    });
    await api.patch(
      '/apis/apps/v1/namespaces/default/deployments/shop-canary',
      'application/strategic-merge-patch+json',
      { spec: { template: { metadata: { labels: { tier: 'shop' } } } } },
    );
    const notReady = await eventually(async () => {
      const e = (await api.get(`${core}/endpoints/shop`)).body;
      return e.subsets?.[0]?.notReadyAddresses?.length === 1 ? e : undefined;
    });
    expect(notReady.subsets[0].addresses ?? []).toEqual([]);
  });

  it('a PersistentVolumeClaim is bound to a provisioned volume of the requested size', async () => {
    const res = await api.post(`${core}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '2Gi' } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.status?.phase ?? 'Pending').toBe('Pending');
    const pvc = await eventually(async () => {
      const p = (await api.get(`${core}/persistentvolumeclaims/data`)).body;
      return p.status?.phase === 'Bound' ? p : undefined;
    });
    expect(pvc.spec.volumeName).toBeTruthy();
    expect(pvc.status.capacity).toEqual({ storage: '2Gi' });
    expect(pvc.status.accessModes).toEqual(['ReadWriteOnce']);
    const pv = await api.get(
      `/api/v1/persistentvolumes/${pvc.spec.volumeName}`,
    );
    expect(pv.status).toBe(200);
    expect(pv.body.status.phase).toBe('Bound');
    expect(pv.body.spec.claimRef).toMatchObject({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'data',
      uid: pvc.metadata.uid,
    });
    expect(pv.body.spec.capacity).toEqual({ storage: '2Gi' });
    expect(pv.body.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    // reclaim policy Delete: the volume goes with its claim
    await api.del(`${core}/persistentvolumeclaims/data`);
    await eventually(
      async () =>
        (
          await api.get(`/api/v1/persistentvolumes/${pvc.spec.volumeName}`)
        ).status === 404,
    );
  });
});
