import { KubeSim, startKubeSim } from '../startKubeSim';
import { rest, Rest } from '../__testUtils__/rest';

/**
 * A Service update as kube-apiserver's Service strategy prepares and
 * validates it: what the update leaves out of the allocated addresses and
 * node ports is kept, and an allocated cluster IP may not change
 * (validateUpgradeDowngradeClusterIPs).
 */
describe('Service updates', () => {
  let sim: KubeSim;
  let api: Rest;
  const svcs = '/api/v1/namespaces/default/services';
  const service = (name: string, spec: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: {
      selector: { app: name },
      ports: [{ name: 'http', port: 80 }],
      ...spec,
    },
  });

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('keeps the allocated cluster IP when a PUT leaves it out, or clears it', async () => {
    const created = (await api.post(svcs, service('keep'))).body;
    const ip = created.spec.clusterIP;
    expect(created.spec.clusterIPs).toEqual([ip]);
    for (const spec of [
      {},
      { clusterIP: '' },
      { clusterIP: '', clusterIPs: [] },
    ]) {
      const current = (await api.get(`${svcs}/keep`)).body;
      const put = await api.put(`${svcs}/keep`, {
        ...service('keep', spec),
        metadata: {
          name: 'keep',
          resourceVersion: current.metadata.resourceVersion,
        },
      });
      expect(put.status).toBe(200);
      expect(put.body.spec.clusterIP).toBe(ip);
      expect(put.body.spec.clusterIPs).toEqual([ip]);
    }
  });

  it('refuses another cluster IP in the words of the API server, whether set singular, plural or by server-side apply', async () => {
    const created = (await api.post(svcs, service('fixed'))).body;
    const ip: string = created.spec.clusterIP;
    const other = ip === '10.96.200.200' ? '10.96.200.201' : '10.96.200.200';
    const singular = await api.put(`${svcs}/fixed`, {
      ...created,
      spec: { ...created.spec, clusterIP: other },
    });
    expect(singular.status).toBe(422);
    expect(singular.body.message).toBe(
      `Service "fixed" is invalid: spec.clusterIPs[0]: Invalid value: []string{"${other}"}: may not change once set`,
    );
    expect(singular.body.details.causes).toEqual([
      {
        field: 'spec.clusterIPs[0]',
        reason: 'FieldValueInvalid',
        message: `Invalid value: []string{"${other}"}: may not change once set`,
      },
    ]);
    const plural = await api.put(`${svcs}/fixed`, {
      ...created,
      spec: { ...created.spec, clusterIP: other, clusterIPs: [other] },
    });
    expect(plural.status).toBe(422);

    const applied = await api.patch(
      `${svcs}/fixed?fieldManager=gitops&force=true`,
      'application/apply-patch+yaml',
      service('fixed', { clusterIP: other }),
    );
    expect(applied.status).toBe(422);
    expect(applied.body.message).toContain('may not change once set');
    expect((await api.get(`${svcs}/fixed`)).body.spec.clusterIP).toBe(ip);
    // the same address applied is fine
    const same = await api.patch(
      `${svcs}/fixed?fieldManager=gitops&force=true`,
      'application/apply-patch+yaml',
      service('fixed', { clusterIP: ip }),
    );
    expect(same.status).toBe(200);
  });

  it('keeps node ports a PUT leaves out, matching ports by name', async () => {
    const created = (
      await api.post(
        svcs,
        service('nodes', {
          type: 'NodePort',
          ports: [
            { name: 'http', port: 80 },
            { name: 'https', port: 443 },
          ],
        }),
      )
    ).body;
    const [http, https] = created.spec.ports.map(
      (p: { nodePort: number }) => p.nodePort,
    );
    const put = await api.put(`${svcs}/nodes`, {
      ...service('nodes', {
        type: 'NodePort',
        clusterIP: created.spec.clusterIP,
        // reordered, and a new port: the named ones keep theirs, the new one gets a fresh one
        ports: [
          { name: 'https', port: 443 },
          { name: 'http', port: 80 },
          { name: 'metrics', port: 9090 },
        ],
      }),
      metadata: {
        name: 'nodes',
        resourceVersion: created.metadata.resourceVersion,
      },
    });
    expect(put.status).toBe(200);
    const ports = Object.fromEntries(
      put.body.spec.ports.map((p: { name: string; nodePort: number }) => [
        p.name,
        p.nodePort,
      ]),
    );
    expect(ports.http).toBe(http);
    expect(ports.https).toBe(https);
    expect([http, https]).not.toContain(ports.metrics);
  });

  it('lets a headless Service stay headless, and drops the unchanged addresses of a Service that becomes ExternalName', async () => {
    const headless = (
      await api.post(svcs, service('headless', { clusterIP: 'None' }))
    ).body;
    expect(headless.spec.clusterIPs).toEqual(['None']);
    expect((await api.put(`${svcs}/headless`, headless)).status).toBe(200);

    const created = (await api.post(svcs, service('external'))).body;
    const put = await api.put(`${svcs}/external`, {
      ...created,
      spec: {
        ...created.spec,
        type: 'ExternalName',
        externalName: 'db.example.com',
        selector: undefined,
        ports: undefined,
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.spec.type).toBe('ExternalName');
    expect(put.body.spec.clusterIP).toBeUndefined();
    expect(put.body.spec.clusterIPs).toBeUndefined();
    expect(put.body.spec.ipFamilies).toBeUndefined();
  });
});
