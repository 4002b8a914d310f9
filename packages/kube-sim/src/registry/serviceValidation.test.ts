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

  it('refuses a node port another Service holds, in any namespace, and allocates only free ones', async () => {
    await api.post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other' },
    });
    const taken = await api.post(
      svcs,
      service('holder', 'NodePort', { nodePort: 31000 }),
    );
    expect(taken.status).toBe(201);

    const clash = await api.post(
      '/api/v1/namespaces/other/services',
      service('clash', 'NodePort', { nodePort: 31000 }),
    );
    expect(clash.status).toBe(422);
    expect(clash.body.message).toBe(
      'Service "clash" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated',
    );

    // the holder keeps its own port on update; allocated ports never repeat
    expect((await api.put(`${svcs}/holder`, taken.body)).status).toBe(200);
    const allocated: number[] = [];
    for (let i = 0; i < 20; i++) {
      const svc = service(`many-${i}`, 'NodePort', {});
      svc.spec.ports.push({
        port: 443,
        targetPort: 8443,
      } as (typeof svc.spec.ports)[0]);
      const res = await api.post(svcs, svc);
      expect(res.status).toBe(201);
      allocated.push(
        ...res.body.spec.ports.map((p: { nodePort: number }) => p.nodePort),
      );
    }
    expect(new Set(allocated).size).toBe(allocated.length);
    expect(allocated).not.toContain(31000);

    // once the holder is gone, its port is free again
    expect((await api.del(`${svcs}/holder`)).status).toBe(200);
    expect(
      (
        await api.post(
          '/api/v1/namespaces/other/services',
          service('clash', 'NodePort', { nodePort: 31000 }),
        )
      ).status,
    ).toBe(201);
  });
});
