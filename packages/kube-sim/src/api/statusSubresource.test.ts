import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import { rest, Rest } from '../__testUtils__/rest';

/**
 * The status subresource and generation, after the API conventions
 * ("Spec and Status") and the CustomResourceDefinition docs ("Status
 * subresource"): PUT/PATCH on the main resource ignores status changes,
 * on /status ignores everything but status; metadata.generation increments
 * on spec changes only.
 */
describe('status subresource and generation', () => {
  let sim: KubeSim;
  let api: Rest;
  const widgets = '/apis/example.com/v1/namespaces/default/widgets';

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
    await api.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: {
              openAPIV3Schema: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        ],
      },
    });
    await eventually(async () => (await api.get(widgets)).status === 200);
  });
  afterAll(() => sim.stop());

  const widget = (name: string, extra: any = {}) => ({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name, namespace: 'default' },
    spec: { size: 1 },
    ...extra,
  });

  it('create ignores status when the status subresource is enabled', async () => {
    const res = await api.post(
      widgets,
      widget('w0', { status: { ready: true } }),
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBeUndefined();
    expect(res.body.metadata.generation).toBe(1);
  });

  it('updating the main resource ignores status; updating /status changes only status', async () => {
    const created = (await api.post(widgets, widget('w1'))).body;
    const statusPut = await api.put(`${widgets}/w1/status`, {
      ...created,
      spec: { size: 99 },
      metadata: { ...created.metadata, labels: { sneaky: 'yes' } },
      status: { ready: true },
    });
    expect(statusPut.status).toBe(200);
    expect(statusPut.body.status).toEqual({ ready: true });
    expect(statusPut.body.spec).toEqual({ size: 1 });
    expect(statusPut.body.metadata.labels).toBeUndefined();
    expect(statusPut.body.metadata.generation).toBe(1);

    const mainPut = await api.put(`${widgets}/w1`, {
      ...statusPut.body,
      spec: { size: 2 },
      status: { ready: false },
    });
    expect(mainPut.status).toBe(200);
    expect(mainPut.body.spec).toEqual({ size: 2 });
    expect(mainPut.body.status).toEqual({ ready: true });
    expect(mainPut.body.metadata.generation).toBe(2);

    const statusPatch = await api.patch(
      `${widgets}/w1/status`,
      'application/merge-patch+json',
      { spec: { size: 3 }, status: { ready: false, phase: 'Degraded' } },
    );
    expect(statusPatch.body.spec).toEqual({ size: 2 });
    expect(statusPatch.body.status).toEqual({
      ready: false,
      phase: 'Degraded',
    });
    expect(statusPatch.body.metadata.generation).toBe(2);
  });

  it('generation increments on spec changes only, not on metadata or status changes', async () => {
    const created = (await api.post(widgets, widget('w2'))).body;
    const labelled = await api.patch(
      `${widgets}/w2`,
      'application/merge-patch+json',
      {
        metadata: { labels: { a: 'b' }, annotations: { note: 'x' } },
      },
    );
    expect(labelled.body.metadata.generation).toBe(1);
    expect(labelled.body.metadata.resourceVersion).not.toBe(
      created.metadata.resourceVersion,
    );
    const status = await api.patch(
      `${widgets}/w2/status`,
      'application/merge-patch+json',
      {
        status: { observedGeneration: 1 },
      },
    );
    expect(status.body.metadata.generation).toBe(1);
    const spec = await api.patch(
      `${widgets}/w2`,
      'application/merge-patch+json',
      {
        spec: { size: 5 },
      },
    );
    expect(spec.body.metadata.generation).toBe(2);
    const same = await api.patch(
      `${widgets}/w2`,
      'application/merge-patch+json',
      {
        spec: { size: 5 },
      },
    );
    expect(same.body.metadata.generation).toBe(2);
    expect(same.body.metadata.resourceVersion).toBe(
      spec.body.metadata.resourceVersion,
    );
  });

  it('a stale resourceVersion on /status is a 409 Conflict', async () => {
    const created = (await api.post(widgets, widget('w3'))).body;
    await api.patch(`${widgets}/w3`, 'application/merge-patch+json', {
      spec: { size: 2 },
    });
    const res = await api.put(`${widgets}/w3/status`, {
      ...created,
      status: { ready: true },
    });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('Conflict');
  });

  it('built-in Deployment: the main resource ignores status, a label change keeps the generation', async () => {
    const deployments = '/apis/apps/v1/namespaces/default/deployments';
    const created = await api.post(deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'gen', namespace: 'default' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'gen' } },
        template: {
          metadata: { labels: { app: 'gen' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
      status: { replicas: 42 },
    });
    expect(created.body.status?.replicas ?? 0).toBe(0);
    const labelled = await api.patch(
      `${deployments}/gen`,
      'application/merge-patch+json',
      {
        metadata: { labels: { team: 'a' } },
        status: { replicas: 42 },
      },
    );
    expect(labelled.body.metadata.generation).toBe(1);
    expect(labelled.body.status?.replicas ?? 0).toBe(0);
    const scaled = await api.patch(
      `${deployments}/gen`,
      'application/merge-patch+json',
      {
        spec: { replicas: 1 },
      },
    );
    expect(scaled.body.metadata.generation).toBe(2);
    const observed = await eventually(async () => {
      const d = (await api.get(`${deployments}/gen`)).body;
      return d.status?.observedGeneration === 2 ? d : undefined;
    });
    expect(observed.metadata.generation).toBe(2);
  });
});
