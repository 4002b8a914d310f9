import { KubeSim, startKubeSim } from '@slipway/kube-sim';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  assessHealth,
  planSync,
  SyncPlanInput,
} from '@slipway/plugin-slipway-node';
import { ClusterCache, KubeClusterClient } from '../cluster';
import { SyncExecutor } from './SyncExecutor';
import type { SyncProgressEvent } from './types';

const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });

function deployment(
  name: string,
  image: string,
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image }] },
      },
    },
  };
}

function job(name: string, hook: string, image: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, annotations: { 'argocd.argoproj.io/hook': hook } },
    spec: {
      backoffLimit: 0,
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] },
      },
    },
  };
}

const configMap = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { a: '1' },
});

const gizmoCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: {
      kind: 'Gizmo',
      plural: 'gizmos',
      singular: 'gizmo',
      listKind: 'GizmoList',
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

const gizmo = (
  name: string,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Gizmo',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { size: 1 },
});

describe('SyncExecutor against kube-sim', () => {
  let sim: KubeSim;
  let client: KubeClusterClient;
  let cache: ClusterCache;
  let executor: SyncExecutor;
  beforeAll(async () => {
    sim = await startKubeSim({
      podReadyDelayMs: 0,
      jobRunMs: 20,
      log: () => {},
    });
    client = KubeClusterClient.fromKubeconfigYaml(sim.kubeconfig);
    cache = new ClusterCache({
      client,
      kinds: [
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        { apiVersion: 'v1', kind: 'ConfigMap' },
        { apiVersion: 'v1', kind: 'Namespace' },
      ],
    });
    await cache.start();
    executor = new SyncExecutor({
      client,
      health: async o => assessHealth(o),
      pollIntervalMs: 20,
      waitTimeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    cache.stop();
    await sim.stop();
  });

  const plan = (
    app: string,
    namespace: string,
    input: Partial<SyncPlanInput>,
  ) =>
    planSync({
      appName: app,
      namespace,
      desired: [],
      live: cache.managedObjects(app),
      revision: '0123456789',
      startedAt: Date.now(),
      ...input,
    });

  it('creates the namespace, applies waves in order after each is healthy, then runs PostSync hooks', async () => {
    const events: SyncProgressEvent[] = [];
    const result = await executor.execute(
      plan('waves', 'waves', {
        desired: [
          deployment('backend', 'nginx:1.25', wave(-1)),
          deployment('frontend', 'nginx:1.25', wave(1)),
          configMap('settings'),
          job('smoke', 'PostSync', 'busybox:1'),
        ],
        syncOptions: ['CreateNamespace=true'],
      }),
      { onProgress: e => events.push(e) },
    );
    expect(result.message).toBe('successfully synced (all tasks run)');
    expect(result.phase).toBe('Succeeded');
    const applied = [
      ...new Set(
        events.flatMap(e =>
          e.type === 'resource' && e.result.status === 'Synced'
            ? [e.result.key.name]
            : [],
        ),
      ),
    ];
    expect(applied).toEqual([
      'waves',
      'backend',
      'settings',
      'frontend',
      'smoke',
    ]);
    // the backend was Healthy before wave 0 started
    const backendHealthy = events.findIndex(
      e =>
        e.type === 'resource' &&
        e.result.key.name === 'backend' &&
        e.result.operationPhase === 'Succeeded',
    );
    const wave0 = events.findIndex(
      e => e.type === 'wave' && e.wave === 0 && e.state === 'started',
    );
    expect(backendHealthy).toBeGreaterThan(-1);
    expect(backendHealthy).toBeLessThan(wave0);
    expect(result.resources.find(r => r.key.name === 'smoke')).toMatchObject({
      hookType: 'PostSync',
      operationPhase: 'Succeeded',
    });
  });

  it('a failing PreSync hook stops the sync before any resource is applied', async () => {
    const result = await executor.execute(
      plan('hooked', 'default', {
        desired: [
          job('migrate', 'PreSync', 'busybox:fail'),
          configMap('hooked-config'),
        ],
      }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.resources.find(r => r.key.name === 'migrate')).toMatchObject({
      operationPhase: 'Failed',
    });
    expect(
      await client.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'hooked-config',
      }),
    ).toBeUndefined();
  });

  it('refuses the sync before writing anything when the server does not serve a kind (no CRD)', async () => {
    const result = await executor.execute(
      plan('no-crd', 'no-crd', {
        desired: [configMap('no-crd-config'), gizmo('orphan')],
        syncOptions: ['CreateNamespace=true'],
      }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(
      /^one or more synchronization tasks are not valid, reason: the server does not serve Gizmo in example.com\/v1/,
    );
    expect(result.resources.map(r => [r.key.kind, r.status])).toEqual([
      ['Gizmo', 'SyncFailed'],
    ]);
    // not even the namespace, as Argo CD checks every task against discovery first
    expect(
      await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'no-crd' }),
    ).toBeUndefined();
  });

  it('says where Argo CD objects go when the cluster does not serve them', async () => {
    const project = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace: 'argocd' },
      spec: { sourceRepos: ['*'] },
    };
    const result = await executor.execute(plan('projects', 'argocd', { desired: [project] }));
    expect(result.phase).toBe('Failed');
    expect(result.message).toContain(
      'Slipway does not hand Argo CD objects to a cluster; the Applications and ApplicationSets of an app of apps become catalog entities of their own, and projects come from slipway.projects',
    );
  });

  it('applies a custom resource whose CRD the same sync installs', async () => {
    const result = await executor.execute(
      plan('with-crd', 'default', { desired: [gizmo('first'), gizmoCrd] }),
    );
    expect(result.phase).toBe('Succeeded');
    expect(result.resources.map(r => `${r.key.kind}:${r.status}`)).toEqual([
      'CustomResourceDefinition:Synced',
      'Gizmo:Synced',
    ]);
    expect(
      await client.get({
        apiVersion: 'example.com/v1',
        kind: 'Gizmo',
        namespace: 'default',
        name: 'first',
      }),
    ).toBeDefined();
  });

  it('SkipDryRunOnMissingResource=true lets an unserved kind wait for its wave instead of refusing the sync', async () => {
    const result = await executor.execute(
      plan('skip-dry-run', 'default', {
        desired: [
          configMap('skip-dry-run-config'),
          {
            ...gizmo('late', {
              'argocd.argoproj.io/sync-options':
                'SkipDryRunOnMissingResource=true',
              'argocd.argoproj.io/sync-wave': '1',
            }),
            apiVersion: 'example.org/v1',
          },
        ],
      }),
    );
    // the earlier wave is applied; the object fails only when its own wave is applied (nobody installed its CRD)
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(/^one or more objects failed to apply/);
    expect(
      Object.fromEntries(result.resources.map(r => [r.key.name, r.status])),
    ).toEqual({
      'skip-dry-run-config': 'Synced',
      late: 'SyncFailed',
    });
    expect(
      await client.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'skip-dry-run-config',
      }),
    ).toBeDefined();
  });

  it('prunes what left Git, keeps Prune=false resources, and dry run changes nothing', async () => {
    const keep = {
      ...configMap('keep'),
      metadata: {
        name: 'keep',
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' },
      },
    };
    const first = await executor.execute(
      plan('prune', 'default', {
        desired: [configMap('stays'), configMap('goes'), keep],
      }),
    );
    expect(first.phase).toBe('Succeeded');
    const ref = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name,
    });
    await waitFor(() => cache.managedObjects('prune').length === 3);

    const dry = await executor.execute(
      plan('prune', 'default', {
        desired: [configMap('stays')],
        request: { prune: true, dryRun: true },
      }),
    );
    expect(dry.phase).toBe('Succeeded');
    expect(await client.get(ref('goes'))).toBeDefined();

    const second = await executor.execute(
      plan('prune', 'default', {
        desired: [configMap('stays')],
        request: { prune: true },
      }),
    );
    expect(
      Object.fromEntries(second.resources.map(r => [r.key.name, r.status])),
    ).toEqual({ goes: 'Pruned', keep: 'PruneSkipped', stays: 'Synced' });
    await waitFor(async () => !(await client.get(ref('goes'))));
    expect(await client.get(ref('keep'))).toBeDefined();
  });

  it("fails on a Job's changed template as the server refuses it, and recreates the Job with Force=true,Replace=true", async () => {
    // a plain Job (no hook): its template may not change once created
    const migrate = (image: string, syncOptions?: string): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'schema',
        ...(syncOptions
          ? { annotations: { 'argocd.argoproj.io/sync-options': syncOptions } }
          : {}),
      },
      spec: job('schema', 'Sync', image).spec,
    });
    const ref = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      namespace: 'default',
      name: 'schema',
    };
    const live = async () =>
      [await client.get(ref)].filter((o): o is KubeObject => !!o);
    const imageOf = async () =>
      ((await client.get(ref))?.spec as any)?.template.spec.containers[0].image;

    expect(
      (
        await executor.execute(
          plan('jobs', 'default', { desired: [migrate('migrate:1')] }),
        )
      ).phase,
    ).toBe('Succeeded');

    const refused = await executor.execute(
      plan('jobs', 'default', {
        desired: [migrate('migrate:2')],
        live: await live(),
      }),
    );
    expect(refused.phase).toBe('Failed');
    expect(refused.resources.find(r => r.key.kind === 'Job')?.message).toMatch(
      /spec\.template: Invalid value: .*: field is immutable/,
    );
    expect(await imageOf()).toBe('migrate:1');

    const replaced = await executor.execute(
      plan('jobs', 'default', {
        desired: [migrate('migrate:2', 'Force=true,Replace=true')],
        live: await live(),
      }),
    );
    expect(replaced.phase).toBe('Succeeded');
    expect(replaced.resources.find(r => r.key.kind === 'Job')?.message).toMatch(
      /replaced \(recreated\)/,
    );
    expect(await imageOf()).toBe('migrate:2');
  });
});

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 20));
  }
}
