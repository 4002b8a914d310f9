import { KubeSim, startKubeSim } from '../../startKubeSim';
import { deploymentManifest, rest, Rest } from '../../__testUtils__/rest';

/** Add-on controllers are opt-in: a bare kube-sim behaves like a bare cluster. */
describe('add-on controllers', () => {
  let sim: KubeSim;
  let api: Rest;
  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('are disabled by default: no Ingress address, no load balancer, no HPA status', async () => {
    await api.post('/apis/networking.k8s.io/v1/namespaces/default/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {
        defaultBackend: { service: { name: 'shop', port: { number: 80 } } },
      },
    });
    await api.post('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'shop' },
        ports: [{ port: 80 }],
      },
    });
    await api.post(
      '/apis/apps/v1/namespaces/default/deployments',
      deploymentManifest('shop'),
    );
    await api.post(
      '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers',
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'shop', namespace: 'default' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'shop',
          },
          minReplicas: 1,
          maxReplicas: 3,
        },
      },
    );
    await sim.idle();
    const get = async (path: string) => (await api.get(path)).body;
    const ing = await get(
      '/apis/networking.k8s.io/v1/namespaces/default/ingresses/shop',
    );
    expect(ing.status?.loadBalancer?.ingress).toBeUndefined();
    const svc = await get('/api/v1/namespaces/default/services/shop');
    expect(svc.status?.loadBalancer?.ingress).toBeUndefined();
    const hpa = await get(
      '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/shop',
    );
    expect(hpa.status?.conditions).toBeUndefined();
  });
});
