import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import {
  condition,
  deploymentManifest,
  rest,
  Rest,
} from '../__testUtils__/rest';

const podTemplate = (app: string, image = 'nginx:1.25') => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image }] },
});

/**
 * apps/v1 controllers as the "StatefulSets", "DaemonSet" and "Deployments"
 * concept pages and the apps/v1 API reference describe their status.
 */
describe('apps controllers', () => {
  let sim: KubeSim;
  let api: Rest;
  const apps = '/apis/apps/v1/namespaces/default';
  const pods = async (app: string) =>
    (
      await api.get(
        `/api/v1/namespaces/default/pods?labelSelector=app%3D${app}`,
      )
    ).body.items as any[];

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, nodes: 4, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('StatefulSet: ordinal pods created in order, readyReplicas, currentRevision = updateRevision, then a rolling update', async () => {
    const start = await api.get('/api/v1/namespaces/default/pods');
    const w = api.watch(
      `/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3Dweb&resourceVersion=${start.body.metadata.resourceVersion}`,
    );
    try {
      await api.post(`${apps}/statefulsets`, {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          serviceName: 'web',
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: podTemplate('web'),
        },
      });
      const sts = await eventually(async () => {
        const s = (await api.get(`${apps}/statefulsets/web`)).body;
        return s.status?.readyReplicas === 3 ? s : undefined;
      });
      expect(sts.status).toMatchObject({
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 3,
        observedGeneration: 1,
      });
      expect(sts.status.updateRevision).toMatch(/^web-[a-z0-9]+$/);
      expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
      const added = w.events
        .filter(e => e.type === 'ADDED')
        .map(e => e.object.metadata.name);
      expect(added).toEqual(['web-0', 'web-1', 'web-2']);
      // OrderedReady: web-1 is created only once web-0 is Running and Ready
      const web0Ready = w.events.findIndex(
        e =>
          e.object.metadata.name === 'web-0' &&
          condition(e.object, 'Ready')?.status === 'True',
      );
      const web1Added = w.events.findIndex(
        e => e.type === 'ADDED' && e.object.metadata.name === 'web-1',
      );
      expect(web0Ready).toBeGreaterThanOrEqual(0);
      expect(web0Ready).toBeLessThan(web1Added);
      for (const p of await pods('web')) {
        expect(p.metadata.labels['controller-revision-hash']).toBe(
          sts.status.updateRevision,
        );
        expect(p.metadata.labels['statefulset.kubernetes.io/pod-name']).toBe(
          p.metadata.name,
        );
        expect(p.spec.hostname).toBe(p.metadata.name);
        expect(p.spec.subdomain).toBe('web');
      }

      await api.patch(
        `${apps}/statefulsets/web`,
        'application/merge-patch+json',
        {
          spec: {
            template: {
              spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
            },
          },
        },
      );
      const updated = await eventually(async () => {
        const s = (await api.get(`${apps}/statefulsets/web`)).body;
        return s.status?.observedGeneration === 2 &&
          s.status.updatedReplicas === 3 &&
          s.status.readyReplicas === 3 &&
          s.status.currentRevision === s.status.updateRevision
          ? s
          : undefined;
      });
      expect(updated.status.updateRevision).not.toBe(sts.status.updateRevision);
      for (const p of await pods('web')) {
        expect(p.spec.containers[0].image).toBe('nginx:1.27');
        expect(p.metadata.labels['controller-revision-hash']).toBe(
          updated.status.updateRevision,
        );
      }
    } finally {
      w.close();
    }
  });

  it('DaemonSet: one ready pod per node; desiredNumberScheduled = number of nodes', async () => {
    await api.post(`${apps}/daemonsets`, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: podTemplate('agent'),
      },
    });
    const nodes = (await api.get('/api/v1/nodes')).body.items;
    expect(nodes).toHaveLength(4);
    const ds = await eventually(async () => {
      const d = (await api.get(`${apps}/daemonsets/agent`)).body;
      return d.status?.numberReady === 4 ? d : undefined;
    });
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 4,
      numberAvailable: 4,
      updatedNumberScheduled: 4,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    const placed = (await pods('agent')).map(p => p.spec.nodeName).sort();
    expect(placed).toEqual(nodes.map((n: any) => n.metadata.name).sort());
  });

  it('Deployment rollout of a new template: new ReplicaSet, old one scaled to 0, updatedReplicas, observedGeneration, NewReplicaSetAvailable', async () => {
    await api.post(
      `${apps}/deployments`,
      deploymentManifest('roll', { replicas: 3 }),
    );
    const v1 = await eventually(async () => {
      const d = (await api.get(`${apps}/deployments/roll`)).body;
      return d.status?.availableReplicas === 3 ? d : undefined;
    });
    expect(condition(v1, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    await api.patch(
      `${apps}/deployments/roll`,
      'application/strategic-merge-patch+json',
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
          },
        },
      },
    );
    const v2 = await eventually(async () => {
      const d = (await api.get(`${apps}/deployments/roll`)).body;
      return d.status?.observedGeneration === 2 &&
        d.status.updatedReplicas === 3 &&
        d.status.availableReplicas === 3 &&
        d.status.replicas === 3 &&
        condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
        ? d
        : undefined;
    });
    expect(v2.metadata.generation).toBe(2);
    expect(condition(v2, 'Progressing').status).toBe('True');
    expect(condition(v2, 'Available').status).toBe('True');
    const sets = (await api.get(`${apps}/replicasets?labelSelector=app%3Droll`))
      .body.items as any[];
    expect(sets).toHaveLength(2);
    const byRevision = Object.fromEntries(
      sets.map(rs => [
        rs.metadata.annotations['deployment.kubernetes.io/revision'],
        rs,
      ]),
    );
    expect(byRevision['1'].spec.replicas).toBe(0);
    expect(byRevision['2'].spec.replicas).toBe(3);
    expect(byRevision['2'].spec.template.spec.containers[0].image).toBe(
      'nginx:1.27',
    );
    expect(byRevision['1'].metadata.labels['pod-template-hash']).not.toBe(
      byRevision['2'].metadata.labels['pod-template-hash'],
    );
    expect(
      (v2.metadata.annotations ?? {})['deployment.kubernetes.io/revision'],
    ).toBe('2');
    await eventually(async () => {
      const list = await pods('roll');
      return (
        list.length === 3 &&
        list.every(p => p.spec.containers[0].image === 'nginx:1.27')
      );
    });
  });

  it('imagepull fault: pods stay Pending in ImagePullBackOff and the Deployment is not Available', async () => {
    await api.post(
      `${apps}/deployments`,
      deploymentManifest('pull', { replicas: 1, image: 'nginx:pullfail' }),
    );
    const pod = await eventually(async () => {
      const [p] = await pods('pull');
      const waiting = p?.status?.containerStatuses?.[0]?.state?.waiting;
      return waiting?.reason === 'ImagePullBackOff' ? p : undefined;
    });
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0].ready).toBe(false);
    const d = await eventually(async () => {
      const x = (await api.get(`${apps}/deployments/pull`)).body;
      return condition(x, 'Available') ? x : undefined;
    });
    expect(condition(d, 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    });
    expect(d.status.availableReplicas ?? 0).toBe(0);
    expect(d.status.unavailableReplicas).toBe(1);
  });

  it('never-ready fault: pods run but never become Ready', async () => {
    await api.post(
      `${apps}/deployments`,
      deploymentManifest('lazy', {
        replicas: 1,
        annotations: { 'kube-sim.slipway.io/fault': 'never-ready' },
      }),
    );
    const pod = await eventually(async () => {
      const [p] = await pods('lazy');
      return p?.status?.phase === 'Running' ? p : undefined;
    });
    await new Promise(r => setTimeout(r, 50));
    const [again] = await pods('lazy');
    expect(condition(again, 'Ready').status).toBe('False');
    expect(again.status.containerStatuses[0]).toMatchObject({
      ready: false,
      started: true,
    });
    expect(again.status.containerStatuses[0].state.running).toBeDefined();
    expect(pod.metadata.name).toBe(again.metadata.name);
    const d = (await api.get(`${apps}/deployments/lazy`)).body;
    expect(d.status.readyReplicas ?? 0).toBe(0);
    expect(d.status.availableReplicas ?? 0).toBe(0);
  });
});
