import { KubeSim, startKubeSim } from '../../startKubeSim';
import { rest, Rest } from '../../__testUtils__/rest';

const SVC = '/api/v1/namespaces/default/services';

function service(name: string, type?: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(type ? { type } : {}),
      selector: { app: name },
      ports: [{ port: 80 }],
    },
  };
}

/** The simulated cloud load-balancer provider (an add-on in a real cluster). */
describe('LoadBalancerController', () => {
  let sim: KubeSim;
  let api: Rest;
  beforeAll(async () => {
    sim = await startKubeSim({ addons: { loadBalancer: true }, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('gives each LoadBalancer Service its own external address and leaves ClusterIP Services without one', async () => {
    await api.post(SVC, service('front', 'LoadBalancer'));
    await api.post(SVC, service('edge', 'LoadBalancer'));
    await api.post(SVC, service('backend'));
    await sim.idle();
    const lb = async (name: string) =>
      (await api.get(`${SVC}/${name}`)).body.status?.loadBalancer;
    const front = await lb('front');
    expect(front.ingress).toEqual([
      { ip: expect.stringMatching(/^10\.20\.\d+\.\d+$/), ipMode: 'VIP' },
    ]);
    expect((await lb('edge')).ingress[0].ip).not.toBe(front.ingress[0].ip);
    expect((await lb('backend'))?.ingress).toBeUndefined();
  });

  it('takes the address away when the Service stops being a LoadBalancer', async () => {
    const svc = (await api.get(`${SVC}/front`)).body;
    expect(svc.status.loadBalancer.ingress).toHaveLength(1);
    await api.put(`${SVC}/front`, {
      ...svc,
      spec: { ...svc.spec, type: 'ClusterIP' },
    });
    await sim.idle();
    const after = (await api.get(`${SVC}/front`)).body;
    expect(after.status?.loadBalancer?.ingress).toBeUndefined();
  });
});
