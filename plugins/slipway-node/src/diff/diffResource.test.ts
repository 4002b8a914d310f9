import { diffResource } from './diffResource';
import type { KubeObject } from '@slipway/plugin-slipway-common';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const desiredDeployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }] },
        ],
      },
    },
  },
});

/** The same Deployment as the API server returns it: defaults, status, server metadata. */
const liveDeployment = (
  mutate: (d: any) => void = () => {},
  lastApplied?: unknown,
) => {
  const d: any = desiredDeployment();
  d.metadata = {
    ...d.metadata,
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-01-01T00:00:00Z',
  };
  if (lastApplied)
    d.metadata.annotations = { [LAST_APPLIED]: JSON.stringify(lastApplied) };
  d.spec.progressDeadlineSeconds = 600;
  d.spec.template.spec.dnsPolicy = 'ClusterFirst';
  Object.assign(d.spec.template.spec.containers[0], {
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
  });
  d.status = { replicas: 2, readyReplicas: 2 };
  mutate(d);
  return d;
};

describe('diffResource, client-side', () => {
  it('server defaults and server metadata are no difference (two-way)', () => {
    const result = diffResource(desiredDeployment(), liveDeployment());
    expect(result).toMatchObject({
      modified: false,
      status: 'Synced',
      mode: 'client-side',
      diff: '',
    });
  });

  it('a changed image is a difference, shown as a unified YAML diff', () => {
    const result = diffResource(
      desiredDeployment(),
      liveDeployment(d => (d.spec.template.spec.containers[0].image = 'web:0')),
    );
    expect(result.modified).toBe(true);
    expect(result.status).toBe('OutOfSync');
    expect(result.diff).toContain('--- live/Deployment/shop/web');
    expect(result.diff).toContain('+++ desired/Deployment/shop/web');
    expect(result.diff).toMatch(/^-\s+image: web:0$/m);
    expect(result.diff).toMatch(/^\+\s+image: web:1$/m);
  });

  it('list entries keyed by name merge: an env var added by someone else is kept', () => {
    const live = liveDeployment(d =>
      d.spec.template.spec.containers[0].env.unshift({
        name: 'INJECTED',
        value: 'x',
      }),
    );
    expect(diffResource(desiredDeployment(), live).modified).toBe(false);
  });

  it('three-way: a field removed from Git that was applied before is a difference', () => {
    const before: any = desiredDeployment();
    before.metadata.labels.team = 'a';
    const live = liveDeployment(d => (d.metadata.labels.team = 'a'), before);
    const result = diffResource(desiredDeployment(), live);
    expect(result.modified).toBe(true);
    expect(result.diff).toMatch(/^-\s+team: a$/m);
  });

  it('three-way: a field only in live that was never applied is no difference', () => {
    const live = liveDeployment(
      d => (d.metadata.labels.addedByController = 'yes'),
      desiredDeployment(),
    );
    expect(diffResource(desiredDeployment(), live).modified).toBe(false);
  });

  it('equal quantities written differently are no difference', () => {
    const desired: any = desiredDeployment();
    desired.spec.template.spec.containers[0].resources = {
      limits: { cpu: 1, memory: '1024Mi' },
    };
    const live = liveDeployment(
      d =>
        (d.spec.template.spec.containers[0].resources = {
          limits: { cpu: '1000m', memory: '1Gi' },
        }),
    );
    expect(diffResource(desired, live).modified).toBe(false);
  });

  it('status and server-owned metadata are left out of the results', () => {
    const result = diffResource(desiredDeployment(), liveDeployment());
    for (const obj of [result.normalizedLive!, result.predictedLive!]) {
      expect(obj.status).toBeUndefined();
      expect(obj.metadata.uid).toBeUndefined();
      expect(obj.metadata.resourceVersion).toBeUndefined();
      expect(obj.metadata.managedFields).toBeUndefined();
    }
  });

  it('a changed status counts only when status is not ignored', () => {
    const desired: any = {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 't' },
      status: { phase: 'A' },
    };
    const live = { ...desired, status: { phase: 'B' } };
    expect(diffResource(desired, live).modified).toBe(false);
    expect(
      diffResource(desired, live, { ignoreResourceStatusField: 'off' })
        .modified,
    ).toBe(true);
  });
});

describe('diffResource, missing and extraneous resources', () => {
  it('a resource missing in the cluster is OutOfSync and predicted as desired', () => {
    const result = diffResource(desiredDeployment(), null);
    expect(result).toMatchObject({
      modified: true,
      status: 'OutOfSync',
      requiresPruning: false,
      normalizedLive: null,
    });
    expect(result.predictedLive?.spec).toEqual(desiredDeployment().spec);
    expect(result.diff).toMatch(/^\+kind: Deployment$/m);
  });

  it('a resource no longer in Git requires pruning and makes the app OutOfSync', () => {
    const result = diffResource(null, liveDeployment());
    expect(result).toMatchObject({
      modified: false,
      status: 'OutOfSync',
      requiresPruning: true,
      affectsAppSyncStatus: true,
      predictedLive: null,
    });
  });

  it('compare-options IgnoreExtraneous keeps an extraneous resource from affecting the app', () => {
    const live = liveDeployment(
      d =>
        (d.metadata.annotations = {
          'argocd.argoproj.io/compare-options': 'IgnoreExtraneous',
        }),
    );
    expect(diffResource(null, live)).toMatchObject({
      requiresPruning: true,
      affectsAppSyncStatus: false,
    });
  });

  it('rejects input that is not a Kubernetes object, naming it', () => {
    expect(() => diffResource({ kind: 'Deployment' } as any, null)).toThrow(
      /desired object is not a Kubernetes object/,
    );
    expect(() => diffResource(null, null)).toThrow(
      /both the desired and the live object are missing/,
    );
  });
});

describe('diffResource, server-side', () => {
  const manager = 'slipway';
  const svc = (
    labels: Record<string, string>,
    port: number,
    managedFields?: unknown[],
  ) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 's',
      namespace: 'n',
      labels,
      ...(managedFields ? { managedFields } : {}),
    },
    spec: { ports: [{ port, protocol: 'TCP' }], type: 'ClusterIP' },
  });
  const owned = [
    {
      manager,
      operation: 'Apply',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:ports': {
            'k:{"port":81,"protocol":"TCP"}': { '.': {}, 'f:port': {} },
          },
        },
      },
    },
    {
      manager: 'webhook',
      operation: 'Update',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:injected': {} } } },
    },
  ];
  const desired = svc({ app: 'a' }, 81);
  const live = svc({ app: 'a' }, 80);
  const predictedLive = svc({ app: 'a', injected: 'by-webhook' }, 81, owned);

  it('needs the dry-run result, with a clear error otherwise', () => {
    expect(() => diffResource(desired, live, { serverSideDiff: true })).toThrow(
      /needs options.predictedLive/,
    );
  });

  it('removes fields added by mutating webhooks by default', () => {
    const result = diffResource(desired, live, {
      serverSideDiff: true,
      predictedLive,
      manager,
    });
    expect(result.mode).toBe('server-side');
    expect(result.modified).toBe(true);
    expect(result.predictedLive?.metadata.labels).toEqual({ app: 'a' });
    expect(result.diff).toMatch(/^\+\s+- port: 81$/m);
  });

  it('keeps webhook changes with compare option IncludeMutationWebhook=true', () => {
    const annotated = {
      ...desired,
      metadata: {
        ...desired.metadata,
        annotations: {
          'argocd.argoproj.io/compare-options': 'IncludeMutationWebhook=true',
        },
      },
    };
    const result = diffResource(annotated, live, {
      serverSideDiff: true,
      predictedLive,
      manager,
    });
    expect(result.predictedLive?.metadata.labels).toEqual({
      app: 'a',
      injected: 'by-webhook',
    });
  });

  it('compare option ServerSideDiff=false on the resource wins over the application setting', () => {
    const annotated = {
      ...desired,
      metadata: {
        ...desired.metadata,
        annotations: {
          'argocd.argoproj.io/compare-options': 'ServerSideDiff=false',
        },
      },
    };
    expect(diffResource(annotated, live, { serverSideDiff: true }).mode).toBe(
      'client-side',
    );
  });
});

describe('diffResource, structured merge', () => {
  const desired: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'default', labels: { app: 'x' } },
    data: { a: '1' },
  };
  /** As the API server returns it after manager `slipway` applied an earlier revision with `team` and `b`. */
  const live: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cm',
      namespace: 'default',
      labels: { app: 'x', team: 'a' },
      managedFields: [
        {
          manager: 'slipway',
          operation: 'Apply',
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:data': { 'f:a': {}, 'f:b': {} },
            'f:metadata': { 'f:labels': { 'f:app': {}, 'f:team': {} } },
          },
        },
      ],
    },
    data: { a: '1', b: '2' },
  };

  it('sees fields the manager applied before and Git no longer has, whatever status is ignored', () => {
    for (const ignoreResourceStatusField of ['all', 'crd', 'off'] as const) {
      const result = diffResource(desired, live, {
        structuredMergeDiff: true,
        ignoreResourceStatusField,
      });
      expect(result).toMatchObject({
        mode: 'structured-merge',
        modified: true,
      });
      expect(result.predictedLive?.data).toEqual({ a: '1' });
    }
    // a two-way diff cannot tell them from fields others added
    expect(diffResource(desired, live).modified).toBe(false);
  });
});
