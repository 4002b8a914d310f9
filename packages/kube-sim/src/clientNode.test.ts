import {
  PatchStrategy,
  makeInformer,
  KubernetesObject,
} from '@kubernetes/client-node';
import { startKubeSim, KubeSim } from './index';
import { clientsFor, eventually } from './__testUtils__/kubeClients';

const deployment = (name: string, image = 'nginx:1.25', replicas = 2): any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image }] },
    },
  },
});

describe('kube-sim with @kubernetes/client-node', () => {
  let sim: KubeSim;
  let c: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    c = clientsFor(sim);
  });
  afterAll(() => sim.stop());

  it('server-side applies with field manager slipway, records managedFields and defaults', async () => {
    const res: any = await c.objects.patch(
      deployment('ssa'),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    expect(res.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'slipway',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
      }),
    ]);
    const fields = res.metadata.managedFields[0].fieldsV1;
    expect(fields['f:spec']['f:replicas']).toEqual({});
    expect(
      fields['f:spec']['f:template']['f:spec']['f:containers'][
        'k:{"name":"main"}'
      ],
    ).toEqual({ '.': {}, 'f:image': {}, 'f:name': {} });
    // API server defaulting (documented defaults of apps/v1 Deployment and core/v1 PodSpec)
    expect(res.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(res.spec.revisionHistoryLimit).toBe(10);
    expect(res.spec.progressDeadlineSeconds).toBe(600);
    expect(res.spec.template.spec.containers[0]).toMatchObject({
      terminationMessagePath: '/dev/termination-log',
      imagePullPolicy: 'IfNotPresent',
    });
    expect(res.spec.template.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
    });
    expect(res.metadata.generation).toBe(1);
  });

  it('an unchanged re-apply is a no-op that keeps the resourceVersion', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'noop', namespace: 'default' },
      data: { a: '1' },
    };
    const a: any = await c.objects.patch(
      cm,
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    const b: any = await c.objects.patch(
      cm,
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    expect(b.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });

  it('apply conflicts with another manager unless forced, then takes ownership', async () => {
    await c.objects.patch(
      deployment('conf'),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    const other = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'conf', namespace: 'default' },
      spec: { replicas: 5 },
    };
    await expect(
      c.objects.patch(
        other,
        undefined,
        undefined,
        'hpa-like',
        false,
        PatchStrategy.ServerSideApply,
      ),
    ).rejects.toMatchObject({
      code: 409,
      body: expect.stringContaining('conflict with \\"slipway\\"'),
    });
    const forced: any = await c.objects.patch(
      other,
      undefined,
      undefined,
      'hpa-like',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(forced.spec.replicas).toBe(5);
    const slipway = forced.metadata.managedFields.find(
      (m: any) => m.manager === 'slipway',
    );
    expect(slipway.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
  });

  it('apply removes a field the same manager applied before and no longer applies', async () => {
    const cm = (data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'prune', namespace: 'default' },
      data,
    });
    await c.objects.patch(
      cm({ a: '1', b: '2' }),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    const res: any = await c.objects.patch(
      cm({ a: '1' }),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    expect(res.data).toEqual({ a: '1' });
  });

  it('reports Status errors: AlreadyExists, NotFound namespace, stale resourceVersion Conflict', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dup', namespace: 'default' },
      data: { x: '1' },
    };
    const created: any = await c.objects.create(cm);
    await expect(c.objects.create(cm)).rejects.toMatchObject({
      code: 409,
      body: expect.stringContaining('"reason":"AlreadyExists"'),
    });
    await expect(
      c.objects.create({
        ...cm,
        metadata: { name: 'x', namespace: 'missing' },
      }),
    ).rejects.toMatchObject({ code: 404 });
    await c.objects.replace({ ...created, data: { x: '2' } });
    await expect(
      c.objects.replace({ ...created, data: { x: '3' } }),
    ).rejects.toMatchObject({
      code: 409,
      body: expect.stringContaining('"reason":"Conflict"'),
    });
  });

  it('lists with set-based label selectors and limit/continue', async () => {
    for (const [name, tier] of [
      ['l1', 'web'],
      ['l2', 'db'],
      ['l3', 'cache'],
    ]) {
      await c.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name, labels: { tier } } },
      });
    }
    const sel = await c.core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'tier in (web,db)',
    });
    expect(sel.items.map(i => i.metadata!.name)).toEqual(['l1', 'l2']);
    const page1 = await c.core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'tier',
      limit: 2,
    });
    expect(page1.items).toHaveLength(2);
    expect(page1.metadata!._continue).toBeTruthy();
    const page2 = await c.core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'tier',
      limit: 2,
      _continue: page1.metadata!._continue,
    });
    expect(page2.items.map(i => i.metadata!.name)).toEqual(['l3']);
    expect(page2.metadata!._continue).toBeFalsy();
  });

  it('feeds an informer (list + watch) with adds, updates and deletes', async () => {
    const informer = makeInformer(
      c.kc,
      '/api/v1/namespaces/default/secrets',
      () => c.core.listNamespacedSecret({ namespace: 'default' }),
    );
    const seen: string[] = [];
    informer.on('add', (o: KubernetesObject) =>
      seen.push(`add:${o.metadata!.name}`),
    );
    informer.on('update', (o: KubernetesObject) =>
      seen.push(`update:${o.metadata!.name}`),
    );
    informer.on('delete', (o: KubernetesObject) =>
      seen.push(`delete:${o.metadata!.name}`),
    );
    await informer.start();
    try {
      await c.core.createNamespacedSecret({
        namespace: 'default',
        body: { metadata: { name: 's1' }, stringData: { k: 'v' } },
      });
      await c.core.patchNamespacedSecret({
        namespace: 'default',
        name: 's1',
        body: [{ op: 'replace', path: '/data/k', value: 'dw==' }],
      });
      await c.core.deleteNamespacedSecret({ namespace: 'default', name: 's1' });
      await eventually(() => seen.includes('delete:s1'));
      expect(seen).toEqual(['add:s1', 'update:s1', 'delete:s1']);
    } finally {
      await informer.stop();
    }
  });

  it('rolls a Deployment out to Available with ReplicaSet and Pods', async () => {
    await c.objects.patch(
      deployment('roll', 'nginx:1.25', 3),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    const d = await eventually(async () => {
      const x = await c.apps.readNamespacedDeployment({
        namespace: 'default',
        name: 'roll',
      });
      return x.status?.availableReplicas === 3 &&
        x.status.observedGeneration === 1
        ? x
        : undefined;
    });
    expect(
      d.status!.conditions!.find(k => k.type === 'Available')!.status,
    ).toBe('True');
    expect(
      d.status!.conditions!.find(k => k.type === 'Progressing')!.reason,
    ).toBe('NewReplicaSetAvailable');
    const rs = await c.apps.listNamespacedReplicaSet({
      namespace: 'default',
      labelSelector: 'app=roll',
    });
    expect(rs.items).toHaveLength(1);
    const hash = rs.items[0].metadata!.labels!['pod-template-hash'];
    expect(rs.items[0].metadata!.name).toBe(`roll-${hash}`);
    const pods = await c.core.listNamespacedPod({
      namespace: 'default',
      labelSelector: `app=roll,pod-template-hash=${hash}`,
    });
    expect(pods.items.map(p => p.status!.phase)).toEqual([
      'Running',
      'Running',
      'Running',
    ]);
  });

  it('injects CrashLoopBackOff from the image tag and never makes the Deployment available', async () => {
    await c.objects.patch(
      deployment('crashy', 'app:crashloop', 1),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    const pod = await eventually(async () => {
      const p = await c.core.listNamespacedPod({
        namespace: 'default',
        labelSelector: 'app=crashy',
      });
      return p.items.find(
        x =>
          x.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
          'CrashLoopBackOff',
      );
    });
    expect(pod.status!.containerStatuses![0].ready).toBe(false);
    const d = await c.apps.readNamespacedDeployment({
      namespace: 'default',
      name: 'crashy',
    });
    expect(d.status!.availableReplicas ?? 0).toBe(0);
  });

  it('garbage-collects dependents when the owner is deleted (background propagation)', async () => {
    const before = await c.apps.listNamespacedReplicaSet({
      namespace: 'default',
      labelSelector: 'app=gc',
    });
    expect(before.items).toHaveLength(0);
    await c.objects.patch(
      deployment('gc', 'nginx:1.25', 1),
      undefined,
      undefined,
      'slipway',
      false,
      PatchStrategy.ServerSideApply,
    );
    await eventually(
      async () =>
        (
          await c.core.listNamespacedPod({
            namespace: 'default',
            labelSelector: 'app=gc',
          })
        ).items.length === 1,
    );
    await c.apps.deleteNamespacedDeployment({
      namespace: 'default',
      name: 'gc',
    });
    await eventually(
      async () =>
        (
          await c.apps.listNamespacedReplicaSet({
            namespace: 'default',
            labelSelector: 'app=gc',
          })
        ).items.length === 0,
    );
    await eventually(
      async () =>
        (
          await c.core.listNamespacedPod({
            namespace: 'default',
            labelSelector: 'app=gc',
          })
        ).items.length === 0,
    );
    const pods = await c.core.listNamespacedPod({
      namespace: 'default',
      labelSelector: 'app=gc',
    });
    expect(pods.items).toEqual([]);
  });

  it('refuses the restricted token on forbidden resources with 403 and no token with 401', async () => {
    const r = clientsFor(sim, true);
    await expect(
      r.core.listNamespacedSecret({ namespace: 'default' }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      r.core.listNamespacedConfigMap({ namespace: 'default' }),
    ).resolves.toBeTruthy();
    const res = await fetch(`${sim.url}/api/v1/namespaces`);
    expect(res.status).toBe(401);
  });
});
