import { KubeSim, startKubeSim } from '../startKubeSim';
import { rest, Rest } from '../__testUtils__/rest';

/**
 * Service node ports as the API server checks them ("Service" concept page,
 * type NodePort: the port must be in `--service-node-port-range`, 30000-32767
 * by default; a ClusterIP Service has none), and what an update that changes
 * the type clears (fields of the old type the update left unchanged).
 */
describe('Service node ports', () => {
  let sim: KubeSim;
  let api: Rest;
  const svcs = '/api/v1/namespaces/default/services';
  const service = (
    name: string,
    type: string | undefined,
    port: Record<string, unknown>,
  ) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: {
      ...(type ? { type } : {}),
      selector: { app: name },
      ports: [{ port: 80, targetPort: 8080, ...port }],
    },
  });

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('refuses a nodePort on a ClusterIP Service, whether the type is explicit or defaulted', async () => {
    for (const [name, type] of [
      ['explicit', 'ClusterIP'],
      ['defaulted', undefined],
    ] as const) {
      const res = await api.post(
        svcs,
        service(name, type, { nodePort: 30001 }),
      );
      expect(res.status).toBe(422);
      expect(res.body.reason).toBe('Invalid');
      expect(res.body.message).toBe(
        `Service "${name}" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`,
      );
      expect(res.body.details.causes).toEqual([
        expect.objectContaining({
          field: 'spec.ports[0].nodePort',
          reason: 'FieldValueForbidden',
        }),
      ]);
    }
    // server-side apply is validated the same way
    const applied = await api.patch(
      `${svcs}/applied?fieldManager=test`,
      'application/apply-patch+yaml',
      service('applied', 'ClusterIP', { nodePort: 30002 }),
    );
    expect(applied.status).toBe(422);
  });

  it('accepts a nodePort in the node port range on NodePort and LoadBalancer Services, and refuses one outside it', async () => {
    expect(
      (await api.post(svcs, service('front', 'NodePort', { nodePort: 30001 })))
        .body.spec.ports[0].nodePort,
    ).toBe(30001);
    expect(
      (
        await api.post(
          svcs,
          service('edge', 'LoadBalancer', { nodePort: 32767 }),
        )
      ).status,
    ).toBe(201);
    const low = await api.post(
      svcs,
      service('low', 'NodePort', { nodePort: 8080 }),
    );
    expect(low.status).toBe(422);
    expect(low.body.message).toBe(
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('clears the node ports the update left unchanged when a NodePort Service becomes ClusterIP', async () => {
    const created = (await api.post(svcs, service('switch', 'NodePort', {})))
      .body;
    const allocated = created.spec.ports[0].nodePort;
    expect(allocated).toBeGreaterThanOrEqual(30000);
    expect(created.spec.externalTrafficPolicy).toBe('Cluster');
    const updated = await api.put(`${svcs}/switch`, {
      ...created,
      spec: { ...created.spec, type: 'ClusterIP' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.spec.type).toBe('ClusterIP');
    expect(updated.body.spec.ports[0].nodePort).toBeUndefined();
    expect(updated.body.spec.externalTrafficPolicy).toBeUndefined();
    // a node port the update sets itself is still refused
    const current = updated.body;
    const refused = await api.put(`${svcs}/switch`, {
      ...current,
      spec: {
        ...current.spec,
        ports: [{ ...current.spec.ports[0], nodePort: 30555 }],
      },
    });
    expect(refused.status).toBe(422);
  });
});
