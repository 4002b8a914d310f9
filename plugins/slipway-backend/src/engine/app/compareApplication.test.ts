import { KubeObject } from '@slipway/plugin-slipway-common';
import { assessHealth, stampManaged } from '@slipway/plugin-slipway-node';
import { compareApplication, CompareInput, jqFor, resourceDiffText } from './compareApplication';

const scopeOf: CompareInput['scopeOf'] = (_apiVersion, kind) =>
  kind === 'Namespace' || kind === 'ClusterRole' ? 'Cluster' : 'Namespaced';

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

/** A live object as the API server returns it after Slipway applied it. */
const live = (obj: KubeObject, extra: Partial<KubeObject['metadata']> = {}): KubeObject => {
  const stamped = stampManaged({ ...obj, metadata: { namespace: 'shop', ...obj.metadata } }, 'payments-prod');
  return {
    ...stamped,
    metadata: { ...stamped.metadata, uid: `uid-${obj.metadata.name}`, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
  };
};

const base = {
  appName: 'payments-prod',
  destinationNamespace: 'shop',
  scopeOf,
  assessHealth: async (obj: KubeObject) => assessHealth(obj),
};

/** A Pod that failed, as Degraded as a resource gets. */
const failedPod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'w:1' }] },
  status: { phase: 'Failed', message: 'boom' },
});

describe('compareApplication', () => {
  it('is Synced and Healthy when every desired object is live and unchanged', async () => {
    const desired = [configMap('a', { x: '1' })];
    const result = await compareApplication({ ...base, desired, live: [live(desired[0])] });
    expect(result.syncStatus).toBe('Synced');
    expect(result.health.status).toBe('Healthy');
    expect(result.resources).toEqual([
      expect.objectContaining({ key: { group: '', kind: 'ConfigMap', namespace: 'shop', name: 'a' }, status: 'Synced', requiresPruning: false }),
    ]);
  });

  it('is OutOfSync with a readable diff when a live value differs from Git', async () => {
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '2' })],
      live: [live(configMap('a', { x: '1' }))],
    });
    expect(result.syncStatus).toBe('OutOfSync');
    expect(result.resources[0].status).toBe('OutOfSync');
    // the text is rendered when someone looks at the resource, not at every comparison
    expect(await resourceDiffText({ desired: result.normalizedDesired[0], live: live(configMap('a', { x: '1' })) })).toMatch(
      /-\s+x: "1"[\s\S]*\+\s+x: "2"/,
    );
  });

  it('gives no diff text for a resource in sync, and none when the comparison of it failed', async () => {
    const same = live(configMap('a', { x: '1' }));
    expect(await resourceDiffText({ desired: same, live: same })).toBe('');
    expect(
      await resourceDiffText({
        desired: configMap('a', { x: '2' }),
        live: same,
        ignoreDifferences: [{ kind: 'ConfigMap', jqPathExpressions: ['.data.x'] }],
      }),
    ).toBe(''); // jq rules without a jq engine: the comparison names that as a ComparisonError
  });

  it('loads jq when an ignoreDifferences rule has jqPathExpressions, so Argo CD rules work as written', async () => {
    const rules = [{ kind: 'ConfigMap', jqPathExpressions: ['.data.x'] }];
    expect(await jqFor([{ kind: 'ConfigMap', jsonPointers: ['/data/x'] }])).toBeUndefined();
    const jq = await jqFor(rules);
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '2' })],
      live: [live(configMap('a', { x: '1' }))],
      ignoreDifferences: rules,
      jq,
    });
    expect(result.syncStatus).toBe('Synced');
    expect(result.conditions).toEqual([]);
  });

  it('reports a missing object as OutOfSync and Missing, and the application as Missing when nothing of it exists', async () => {
    const result = await compareApplication({ ...base, desired: [configMap('a', { x: '1' }), configMap('b', { x: '2' })], live: [] });
    expect(result.syncStatus).toBe('OutOfSync');
    expect(result.resources[0].health?.status).toBe('Missing');
    expect(result.health).toEqual({ status: 'Missing', message: 'ConfigMap/a: not found in the cluster' });
  });

  it('does not let a missing object make the application Missing while others exist (Argo CD 3.4)', async () => {
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' }), configMap('b', { x: '2' })],
      live: [live(configMap('a', { x: '1' }))],
    });
    expect(result.syncStatus).toBe('OutOfSync');
    expect(result.resources.find(r => r.key.name === 'b')?.health?.status).toBe('Missing');
    expect(result.health).toEqual({ status: 'Healthy' });
  });

  it('marks managed objects that left Git as requiring pruning and OutOfSync; their health still counts, as in Argo CD', async () => {
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' })],
      live: [live(configMap('a', { x: '1' })), live(configMap('old', { y: '1' }))],
    });
    expect(result.syncStatus).toBe('OutOfSync');
    expect(result.resources.find(r => r.key.name === 'old')).toMatchObject({ requiresPruning: true, status: 'OutOfSync' });
    expect(result.health.status).toBe('Healthy');

    const failing = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' })],
      live: [live(configMap('a', { x: '1' })), { ...live(failedPod('old-worker')) }],
    });
    expect(failing.health).toEqual({ status: 'Degraded', message: 'Pod/old-worker: boom' });
  });

  it('leaves resources annotated ignore-healthcheck out of the application health', async () => {
    const ignored = live(failedPod('flaky'), { annotations: { 'argocd.argoproj.io/ignore-healthcheck': 'true' } });
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' }), failedPod('flaky')],
      live: [live(configMap('a', { x: '1' })), ignored],
    });
    expect(result.resources.find(r => r.key.name === 'flaky')?.health?.status).toBe('Degraded');
    expect(result.health).toEqual({ status: 'Healthy' });
  });

  it("leaves objects marked Skip out: never applied, they are neither compared, pruned nor Missing", async () => {
    const skipped: KubeObject = {
      ...configMap('manual', { x: '1' }),
      metadata: { name: 'manual', annotations: { 'argocd.argoproj.io/hook': 'Skip' } },
    };
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' }), skipped],
      live: [live(configMap('a', { x: '1' })), live(configMap('manual', { x: 'edited' }))],
    });
    expect(result.resources.map(r => r.key.name)).toEqual(['a']);
    expect(result.syncStatus).toBe('Synced');
    expect(result.health.status).toBe('Healthy');
  });

  it('is OutOfSync when Git no longer has a field Slipway applied, as Argo CD compares server-side-applied objects', async () => {
    const applied = live(configMap('a', { x: '1', y: '2' }), {
      managedFields: [
        {
          manager: 'slipway',
          operation: 'Apply',
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:x': {}, 'f:y': {} } },
        },
      ],
    });
    const result = await compareApplication({ ...base, desired: [configMap('a', { x: '1' })], live: [applied] });
    expect(result.syncStatus).toBe('OutOfSync');
    // a field someone else added is not Git's to remove
    const added = live(configMap('a', { x: '1', y: '2' }), {
      managedFields: [
        { manager: 'slipway', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:x': {} } } },
        { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:y': {} } } },
      ],
    });
    expect((await compareApplication({ ...base, desired: [configMap('a', { x: '1' })], live: [added] })).syncStatus).toBe('Synced');
  });

  it('compares a resource asking for ServerSideDiff=true with the dry run of its apply, or by structured merge without one', async () => {
    const annotated: KubeObject = {
      ...configMap('a', { x: '1' }),
      metadata: { name: 'a', annotations: { 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true' } },
    };
    const current = live(annotated, {
      managedFields: [
        { manager: 'slipway', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:x': {} } } },
      ],
    });
    const dryRuns: KubeObject[] = [];
    const predictLive = async (desired: KubeObject) => {
      dryRuns.push(desired);
      // the API server would store x as Git has it, and a webhook would add y
      return { ...current, data: { x: '1', y: 'from-webhook' } };
    };
    const result = await compareApplication({ ...base, desired: [annotated], live: [current], predictLive });
    expect(dryRuns.map(d => d.metadata.name)).toEqual(['a']);
    // the webhook's field is not Slipway's, so it is no difference
    expect(result.syncStatus).toBe('Synced');
    expect(result.conditions).toEqual([]);

    const changed = { ...annotated, data: { x: '2' } };
    const withoutDryRun = await compareApplication({ ...base, desired: [changed], live: [current] });
    expect(withoutDryRun).toMatchObject({ syncStatus: 'OutOfSync', conditions: [] });

    const failing = await compareApplication({
      ...base,
      desired: [changed],
      live: [current],
      predictLive: async () => {
        throw new Error('admission webhook "policy" denied the request');
      },
    });
    expect(failing.resources[0].status).toBe('Unknown');
    expect(failing.conditions).toEqual([{ type: 'ComparisonError', message: 'admission webhook "policy" denied the request' }]);
    // objects without the option are not dry-run
    dryRuns.length = 0;
    await compareApplication({ ...base, desired: [configMap('b', { x: '1' })], live: [live(configMap('b', { x: '1' }))], predictLive });
    expect(dryRuns).toEqual([]);
  });

  it('lets IgnoreExtraneous keep an extraneous object from making the app OutOfSync', async () => {
    const extraneous = live(configMap('generated', { y: '1' }), {
      annotations: { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'slipway.io/tracking-id': 'payments-prod:/ConfigMap:shop/generated' },
    });
    const result = await compareApplication({
      ...base,
      desired: [configMap('a', { x: '1' })],
      live: [live(configMap('a', { x: '1' })), extraneous],
    });
    expect(result.syncStatus).toBe('Synced');
  });

  it('gives namespaced objects the destination namespace, strips it from cluster-scoped ones, and stamps tracking', async () => {
    const result = await compareApplication({
      ...base,
      desired: [
        configMap('a', { x: '1' }),
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'ignored' } },
      ],
      live: [],
    });
    const [cm, ns] = result.normalizedDesired;
    expect(cm.metadata.namespace).toBe('shop');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(cm.metadata.labels?.['slipway.io/app-instance']).toBe('payments-prod');
    expect(cm.metadata.annotations?.['slipway.io/tracking-id']).toBe('payments-prod:/ConfigMap:shop/a');
  });

  it('leaves hooks out of the comparison', async () => {
    const hook: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
      spec: { template: { spec: { containers: [{ name: 'm', image: 'm:1' }], restartPolicy: 'Never' } } },
    };
    const result = await compareApplication({ ...base, desired: [hook], live: [] });
    expect(result.resources).toEqual([]);
    expect(result.syncStatus).toBe('Synced');
  });

  it('takes the worst resource health, naming the resource in the message', async () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', generation: 2 },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'api', image: 'acme/api:2' }] } } },
    };
    const liveDeployment = {
      ...live(deployment),
      status: {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 0,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-1" has timed out progressing.' }],
      },
    };
    const result = await compareApplication({ ...base, desired: [deployment, configMap('a', { x: '1' })], live: [liveDeployment, live(configMap('a', { x: '1' }))] });
    expect(result.health.status).toBe('Degraded');
    expect(result.health.message).toContain('Deployment/api');
    expect(result.images.desired.map(i => `${i.repository}:${i.tag}`)).toEqual(['acme/api:2']);
  });
});
