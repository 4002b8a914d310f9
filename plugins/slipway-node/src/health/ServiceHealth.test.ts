import { serviceHealth } from './ServiceHealth';
import { ingressHealth } from './IngressHealth';
import { pvcHealth } from './PVCHealth';
import { kube } from './testObjects';

describe('serviceHealth', () => {
  it('is Healthy for ClusterIP services', () => {
    expect(
      serviceHealth(kube('v1', 'Service', { spec: { type: 'ClusterIP' } }))
        .status,
    ).toBe('Healthy');
  });

  it('is Progressing for a LoadBalancer without an ingress point', () => {
    const lb = (ingress: object[]) =>
      kube('v1', 'Service', {
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress } },
      });
    expect(serviceHealth(lb([])).status).toBe('Progressing');
    expect(serviceHealth(lb([{ ip: '10.0.0.1' }])).status).toBe('Healthy');
  });
});

describe('ingressHealth', () => {
  it('is Healthy once a load-balancer ingress point is published', () => {
    const ing = (ingress?: object[]) =>
      kube('networking.k8s.io/v1', 'Ingress', {
        status: { loadBalancer: { ingress } },
      });
    expect(ingressHealth(ing()).status).toBe('Progressing');
    expect(ingressHealth(ing([{ hostname: 'lb.example.com' }])).status).toBe(
      'Healthy',
    );
  });
});

describe('pvcHealth', () => {
  it.each([
    ['Bound', 'Healthy'],
    ['Pending', 'Progressing'],
    ['Lost', 'Degraded'],
    [undefined, 'Unknown'],
  ])('phase %s is %s', (phase, expected) => {
    expect(
      pvcHealth(kube('v1', 'PersistentVolumeClaim', { status: { phase } }))
        .status,
    ).toBe(expected);
  });
});
