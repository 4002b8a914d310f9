import { KubeSim, startKubeSim } from '../../startKubeSim';
import { rest, Rest } from '../../__testUtils__/rest';

const ING = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';

function ingress(name: string, className?: string): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [
        {
          host: `${name}.example.com`,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** The simulated ingress controller (an add-on in a real cluster). */
describe('IngressController', () => {
  describe('serving every IngressClass (`ingress: true`)', () => {
    let sim: KubeSim;
    let api: Rest;
    beforeAll(async () => {
      sim = await startKubeSim({ addons: { ingress: true }, log: () => {} });
      api = rest(sim);
    });
    afterAll(() => sim.stop());

    it('publishes one deterministic 10.10.0.0/16 address per class on every Ingress', async () => {
      await api.post(ING, ingress('shop'));
      await api.post(ING, ingress('cart'));
      await api.post(ING, ingress('admin', 'internal'));
      await sim.idle();
      const lb = async (name: string) =>
        (await api.get(`${ING}/${name}`)).body.status.loadBalancer;
      const shop = await lb('shop');
      expect(shop.ingress).toHaveLength(1);
      expect(shop.ingress[0].ip).toMatch(/^10\.10\.\d+\.\d+$/);
      expect(await lb('cart')).toEqual(shop);
      const admin = await lb('admin');
      expect(admin.ingress[0].ip).toMatch(/^10\.10\.\d+\.\d+$/);
      expect(admin.ingress[0].ip).not.toBe(shop.ingress[0].ip);
    });

    it('writes through the status subresource under its own field manager', async () => {
      await api.post(ING, ingress('blog'));
      await sim.idle();
      const blog = (await api.get(`${ING}/blog`)).body;
      expect(blog.metadata.generation).toBe(1);
      expect(blog.metadata.managedFields).toContainEqual(
        expect.objectContaining({
          manager: 'ingress-controller',
          subresource: 'status',
        }),
      );
    });
  });

  describe('serving chosen classes', () => {
    let sim: KubeSim;
    let api: Rest;
    beforeAll(async () => {
      sim = await startKubeSim({
        addons: {
          ingress: {
            classNames: ['nginx', 'alb'],
            hostnames: { alb: 'k8s-alb.elb.example.com' },
          },
        },
        log: () => {},
      });
      api = rest(sim);
    });
    afterAll(() => sim.stop());

    it('publishes an IP or the class hostname and leaves other classes alone', async () => {
      await api.post(ING, ingress('web', 'nginx'));
      await api.post(ING, ingress('api', 'alb'));
      await api.post(ING, ingress('other', 'traefik'));
      await sim.idle();
      const status = async (name: string) =>
        (await api.get(`${ING}/${name}`)).body.status;
      expect((await status('web')).loadBalancer.ingress[0].ip).toMatch(
        /^10\.10\./,
      );
      expect((await status('api')).loadBalancer.ingress).toEqual([
        { hostname: 'k8s-alb.elb.example.com' },
      ]);
      expect((await status('other'))?.loadBalancer?.ingress).toBeUndefined();
    });

    it('serves an Ingress without a class once a served IngressClass becomes the default', async () => {
      await api.post(ING, ingress('plain'));
      await sim.idle();
      const plain = async () => (await api.get(`${ING}/plain`)).body;
      expect((await plain()).status?.loadBalancer?.ingress).toBeUndefined();
      await api.post('/apis/networking.k8s.io/v1/ingressclasses', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: {
          name: 'nginx',
          annotations: {
            'ingressclass.kubernetes.io/is-default-class': 'true',
          },
        },
        spec: { controller: 'k8s.io/ingress-nginx' },
      });
      await sim.idle();
      const web = (await api.get(`${ING}/web`)).body;
      expect((await plain()).status.loadBalancer).toEqual(
        web.status.loadBalancer,
      );
    });
  });
});
