import { KubeObject } from '@slipway/plugin-slipway-common';
import { planSync } from './planSync';
import { stampManaged } from './tracking';
import type { SyncPlan, SyncPlanInput } from './types';

const APP = 'shop';

function obj(
  kind: string,
  name: string,
  extra: {
    apiVersion?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    spec?: unknown;
    generateName?: string;
  } = {},
): KubeObject {
  const apiVersion =
    extra.apiVersion ??
    (
      {
        Deployment: 'apps/v1',
        Job: 'batch/v1',
        Ingress: 'networking.k8s.io/v1',
      } as Record<string, string>
    )[kind] ??
    'v1';
  const metadata: KubeObject['metadata'] = {};
  if (name) metadata.name = name;
  if (extra.generateName) metadata.generateName = extra.generateName;
  if (extra.namespace) metadata.namespace = extra.namespace;
  if (extra.annotations) metadata.annotations = extra.annotations;
  return {
    apiVersion,
    kind,
    metadata,
    ...(extra.spec ? { spec: extra.spec } : {}),
  };
}

function managedLive(o: KubeObject): KubeObject {
  return stampManaged(o, APP);
}

function plan(partial: Partial<SyncPlanInput>): SyncPlan {
  return planSync({
    appName: APP,
    namespace: 'shop',
    desired: [],
    live: [],
    ...partial,
  });
}

const order = (p: SyncPlan) =>
  p.tasks.map(
    t => `${t.phase}/${t.wave}/${t.action}/${t.key.kind}/${t.key.name}`,
  );

describe('planSync', () => {
  it('orders by phase, then wave, then kind order, then name', () => {
    const p = plan({
      desired: [
        obj('Deployment', 'web'),
        obj('Service', 'web'),
        obj('ConfigMap', 'b'),
        obj('ConfigMap', 'a'),
        obj('Deployment', 'db', {
          annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
        }),
        obj('Job', 'migrate', {
          annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
        }),
        obj('Job', 'notify', {
          annotations: { 'argocd.argoproj.io/hook': 'PostSync' },
        }),
        obj('Widget', 'w1', { apiVersion: 'example.com/v1' }),
      ],
    });
    expect(p.issues).toEqual([]);
    expect(order(p)).toEqual([
      'PreSync/0/apply/Job/migrate',
      'Sync/-1/apply/Deployment/db',
      'Sync/0/apply/ConfigMap/a',
      'Sync/0/apply/ConfigMap/b',
      'Sync/0/apply/Service/web',
      'Sync/0/apply/Deployment/web',
      'Sync/0/apply/Widget/w1',
      'PostSync/0/apply/Job/notify',
    ]);
  });

  it('creates a namespace and a CRD before the resources that need them, in their wave', () => {
    const crd = obj('CustomResourceDefinition', 'widgets.example.com', {
      apiVersion: 'apiextensions.k8s.io/v1',
      annotations: { 'argocd.argoproj.io/sync-wave': '3' },
      spec: { group: 'example.com', names: { kind: 'Widget' } },
    });
    const p = plan({
      desired: [
        crd,
        obj('Widget', 'w1', { apiVersion: 'example.com/v1' }),
        obj('Namespace', 'other', {
          annotations: { 'argocd.argoproj.io/sync-wave': '5' },
        }),
        obj('ConfigMap', 'c', { namespace: 'other' }),
      ],
      scopeOf: (_a, kind) =>
        kind === 'Namespace' || kind === 'CustomResourceDefinition'
          ? 'Cluster'
          : 'Namespaced',
    });
    expect(order(p)).toEqual([
      'Sync/0/apply/Namespace/other',
      'Sync/0/apply/ConfigMap/c',
      'Sync/0/apply/CustomResourceDefinition/widgets.example.com',
      'Sync/0/apply/Widget/w1',
    ]);
  });

  it('puts namespaced objects without a namespace into the destination namespace, cluster-scoped ones into none', () => {
    const p = plan({
      desired: [
        obj('ConfigMap', 'c'),
        obj('ClusterRole', 'r', {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          namespace: 'x',
        }),
      ],
      scopeOf: (_a, kind) =>
        kind === 'ClusterRole' ? 'Cluster' : 'Namespaced',
    });
    const byKind = Object.fromEntries(p.tasks.map(t => [t.key.kind, t]));
    expect(byKind.ConfigMap.target?.metadata.namespace).toBe('shop');
    expect(byKind.ClusterRole.target?.metadata.namespace).toBeUndefined();
  });

  it('stamps managed objects with the tracking label and annotation', () => {
    const p = plan({ desired: [obj('ConfigMap', 'c')] });
    expect(
      p.tasks[0].target?.metadata.labels?.['slipway.io/app-instance'],
    ).toBe(APP);
    expect(
      p.tasks[0].target?.metadata.annotations?.['slipway.io/tracking-id'],
    ).toBe('shop:/ConfigMap:shop/c'); // Argo CD's format: guestbook:/Service:default/guestbook-ui;
  });

  it('reports a sync wave that is not an integer', () => {
    const p = plan({
      desired: [
        obj('ConfigMap', 'c', {
          annotations: { 'argocd.argoproj.io/sync-wave': 'two' },
        }),
      ],
    });
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0].message).toMatch(
      /ConfigMap shop\/c.*sync-wave.*"two" is not an integer/,
    );
  });

  it('reports manifests without name, kind or duplicated', () => {
    const p = plan({
      desired: [
        { apiVersion: 'v1', metadata: { name: 'x' } } as unknown as KubeObject,
        obj('ConfigMap', ''),
        obj('ConfigMap', 'dup'),
        obj('ConfigMap', 'dup'),
      ],
    });
    expect(p.issues.map(i => i.message)).toEqual([
      expect.stringMatching(/no kind/),
      expect.stringMatching(/ConfigMap.*has no metadata.name/),
      expect.stringMatching(/ConfigMap shop\/dup appears more than once/),
    ]);
  });

  describe('hooks', () => {
    it('maps Helm hooks to Argo CD phases and weights to waves; Argo CD annotations win', () => {
      const p = plan({
        desired: [
          obj('Job', 'pre', {
            annotations: {
              'helm.sh/hook': 'pre-install,pre-upgrade',
              'helm.sh/hook-weight': '-2',
            },
          }),
          obj('Job', 'post', {
            annotations: {
              'helm.sh/hook': 'post-upgrade',
              'helm.sh/hook-delete-policy': 'hook-succeeded',
            },
          }),
          obj('Job', 'test', { annotations: { 'helm.sh/hook': 'test' } }),
          obj('Job', 'both', {
            annotations: {
              'helm.sh/hook': 'pre-install',
              'argocd.argoproj.io/hook': 'Sync',
            },
          }),
          obj('CustomResourceDefinition', 'crd', {
            apiVersion: 'apiextensions.k8s.io/v1',
            annotations: { 'helm.sh/hook': 'crd-install' },
          }),
        ],
      });
      expect(order(p)).toEqual([
        'PreSync/-2/apply/Job/pre',
        'Sync/0/apply/CustomResourceDefinition/crd',
        'Sync/0/apply/Job/both',
        'PostSync/0/apply/Job/post',
      ]);
      const post = p.tasks.find(t => t.key.name === 'post');
      expect(post?.hook).toEqual({
        type: 'PostSync',
        deletePolicies: ['HookSucceeded'],
      });
      const pre = p.tasks.find(t => t.key.name === 'pre');
      expect(pre?.hook?.deletePolicies).toEqual(['BeforeHookCreation']);
    });

    it('names generateName hooks per phase from revision and start time', () => {
      const p = plan({
        revision: 'abcdef1234567',
        startedAt: 1700000000123,
        desired: [
          obj('Job', '', {
            generateName: 'migrate-',
            annotations: { 'argocd.argoproj.io/hook': 'PreSync,PostSync' },
          }),
        ],
      });
      expect(p.tasks.map(t => t.key.name)).toEqual([
        'migrate-abcdef1-presync-1700000000',
        'migrate-abcdef1-postsync-1700000000',
      ]);
      expect(p.tasks[0].target?.metadata.generateName).toBeUndefined();
    });

    it('skips Skip resources without pruning them, and skips hooks for apply strategy and selective sync', () => {
      const skip = obj('ConfigMap', 'skipped', {
        annotations: { 'argocd.argoproj.io/hook': 'Skip' },
      });
      const hook = obj('Job', 'migrate', {
        annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
      });
      const base = {
        desired: [skip, hook, obj('ConfigMap', 'c')],
        live: [
          managedLive({
            ...skip,
            metadata: { ...skip.metadata, namespace: 'shop' },
          }),
        ],
        request: { prune: true },
      };
      expect(order(plan(base))).toEqual([
        'PreSync/0/apply/Job/migrate',
        'Sync/0/apply/ConfigMap/c',
      ]);
      expect(
        order(plan({ ...base, request: { prune: true, strategy: 'apply' } })),
      ).toEqual(['Sync/0/apply/ConfigMap/c']);
      expect(
        order(
          plan({
            ...base,
            request: {
              prune: true,
              resources: [{ kind: 'ConfigMap', name: 'c' }],
            },
          }),
        ),
      ).toEqual(['Sync/0/apply/ConfigMap/c']);
    });

    it('never prunes live hooks and pairs a named hook with its live object', () => {
      const hook = obj('Job', 'migrate', {
        namespace: 'shop',
        annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
      });
      const oldHook = obj('Job', 'old', {
        namespace: 'shop',
        annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
      });
      const p = plan({
        desired: [hook],
        live: [managedLive(hook), managedLive(oldHook)],
        request: { prune: true },
      });
      expect(order(p)).toEqual(['PreSync/0/apply/Job/migrate']);
      expect(p.tasks[0].live?.metadata.name).toBe('migrate');
    });
  });

  describe('prune', () => {
    const cm = obj('ConfigMap', 'keep', { namespace: 'shop' });
    const gone = obj('ConfigMap', 'gone', { namespace: 'shop' });

    it('prunes live managed objects that are no longer desired, and only those', () => {
      const foreign = stampManaged(
        obj('ConfigMap', 'theirs', { namespace: 'shop' }),
        'other-app',
      );
      const copiedLabel = {
        ...obj('Pod', 'web-123', { namespace: 'shop' }),
        metadata: {
          name: 'web-123',
          namespace: 'shop',
          labels: { 'slipway.io/app-instance': APP },
        },
      };
      const p = plan({
        desired: [cm],
        live: [managedLive(cm), managedLive(gone), foreign, copiedLabel],
        request: { prune: true },
      });
      expect(order(p)).toEqual([
        'Sync/0/prune/ConfigMap/gone',
        'Sync/0/apply/ConfigMap/keep',
      ]);
      expect(p.tasks[0].pruneSkipReason).toBeUndefined();
    });

    it('marks prunes as skipped without prune=true, and with Prune=false on the resource', () => {
      const noPrune = obj('ConfigMap', 'precious', {
        namespace: 'shop',
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' },
      });
      const p1 = plan({ desired: [], live: [managedLive(gone)] });
      expect(p1.tasks[0].pruneSkipReason).toBe('ignored (requires pruning)');
      const p2 = plan({
        desired: [],
        live: [managedLive(gone), managedLive(noPrune)],
        request: { prune: true },
      });
      const reasons = Object.fromEntries(
        p2.tasks.map(t => [t.key.name, t.pruneSkipReason]),
      );
      expect(reasons).toEqual({
        gone: undefined,
        precious: 'ignored (no prune)',
      });
    });

    it('prunes in reverse wave order and PruneLast after the last sync wave', () => {
      const w = (name: string, wave: string, opts?: string) =>
        managedLive(
          obj('ConfigMap', name, {
            namespace: 'shop',
            annotations: {
              'argocd.argoproj.io/sync-wave': wave,
              ...(opts ? { 'argocd.argoproj.io/sync-options': opts } : {}),
            },
          }),
        );
      const desired = [
        obj('Deployment', 'web', {
          annotations: { 'argocd.argoproj.io/sync-wave': '2' },
        }),
      ];
      const live = [
        w('first', '-1'),
        w('middle', '0'),
        w('late', '1'),
        w('last', '0', 'PruneLast=true'),
      ];
      expect(order(plan({ desired, live, request: { prune: true } }))).toEqual([
        'Sync/-1/prune/ConfigMap/late',
        'Sync/0/prune/ConfigMap/middle',
        'Sync/1/prune/ConfigMap/first',
        'Sync/2/apply/Deployment/web',
        'Sync/3/prune/ConfigMap/last',
      ]);
      const all = order(
        plan({
          desired,
          live,
          request: { prune: true },
          syncOptions: ['PruneLast=true'],
        }),
      );
      expect(all.slice(0, 1)).toEqual(['Sync/2/apply/Deployment/web']);
      expect(all.slice(1).every(s => s.startsWith('Sync/3/prune'))).toBe(true);
    });

    it('deletes workloads before the namespace within a prune wave', () => {
      const p = plan({
        desired: [],
        live: [
          managedLive(obj('Namespace', 'old')),
          managedLive(obj('Deployment', 'web', { namespace: 'old' })),
        ],
        request: { prune: true },
      });
      expect(order(p)).toEqual([
        'Sync/0/prune/Deployment/web',
        'Sync/0/prune/Namespace/old',
      ]);
    });
  });

  describe('sync options', () => {
    it('CreateNamespace adds an untracked namespace first, with managed metadata', () => {
      const p = plan({
        desired: [
          obj('Job', 'pre', {
            annotations: {
              'argocd.argoproj.io/hook': 'PreSync',
              'argocd.argoproj.io/sync-wave': '-3',
            },
          }),
          obj('ConfigMap', 'c'),
        ],
        syncOptions: ['CreateNamespace=true'],
        managedNamespaceMetadata: { labels: { team: 'a' } },
      });
      expect(order(p)[0]).toBe('PreSync/-3/apply/Namespace/shop');
      const ns = p.tasks[0];
      expect(ns.createdNamespace).toBe(true);
      expect(ns.target?.metadata.labels).toEqual({ team: 'a' });
      expect(
        ns.target?.metadata.annotations?.['slipway.io/tracking-id'],
      ).toBeUndefined();
    });

    it('CreateNamespace does nothing when Git declares the namespace or the option is off', () => {
      expect(
        plan({
          desired: [obj('Namespace', 'shop')],
          syncOptions: ['CreateNamespace=true'],
        }).tasks.filter(t => t.createdNamespace),
      ).toEqual([]);
      expect(
        plan({ desired: [obj('ConfigMap', 'c')] }).tasks.some(
          t => t.key.kind === 'Namespace',
        ),
      ).toBe(false);
    });

    it('Replace, Force and Validate=false from the app, the request and the resource', () => {
      const p = plan({
        desired: [
          obj('ConfigMap', 'a'),
          obj('ConfigMap', 'b', {
            annotations: {
              'argocd.argoproj.io/sync-options': 'Replace=true, Validate=false',
            },
          }),
        ],
      });
      expect(p.tasks.map(t => t.apply)).toEqual([
        { replace: false, force: false, validate: true },
        { replace: true, force: false, validate: false },
      ]);
      const p2 = plan({
        desired: [obj('ConfigMap', 'a')],
        syncOptions: ['Replace=true'],
        request: { force: true },
      });
      expect(p2.tasks[0].apply).toEqual({
        replace: true,
        force: true,
        validate: true,
      });
      expect(p2.settings.replace).toBe(true);
    });

    it('ApplyOutOfSyncOnly leaves out resources known to be in sync', () => {
      const a = obj('ConfigMap', 'a', { namespace: 'shop' });
      const b = obj('ConfigMap', 'b', { namespace: 'shop' });
      const c = obj('ConfigMap', 'c', { namespace: 'shop' });
      const p = plan({
        desired: [a, b, c],
        live: [managedLive(a), managedLive(b)],
        syncOptions: ['ApplyOutOfSyncOnly=true'],
        modified: {
          '/ConfigMap/shop/a': false,
          '/ConfigMap/shop/b': true,
          '/ConfigMap/shop/c': false,
        },
      });
      expect(p.tasks.map(t => t.key.name)).toEqual(['b', 'c']);
      expect(p.skipped.map(k => k.name)).toEqual(['a']);
    });

    it('FailOnSharedResource refuses resources managed by another application', () => {
      const cm = obj('ConfigMap', 'shared', { namespace: 'shop' });
      const live = [stampManaged(cm, 'other')];
      expect(plan({ desired: [cm], live }).issues).toEqual([]);
      const p = plan({
        desired: [cm],
        live,
        syncOptions: ['FailOnSharedResource=true'],
      });
      expect(p.issues[0].message).toMatch(
        /already managed by application "other"/,
      );
    });

    it('RespectIgnoreDifferences keeps ignored fields at their live values', () => {
      const desired = {
        ...obj('Deployment', 'web', { namespace: 'shop' }),
        spec: { replicas: 1, template: { x: 1 } },
      };
      const live = {
        ...managedLive(desired),
        spec: { replicas: 5, template: { x: 1 } },
      };
      const rules = [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
      ];
      const without = plan({
        desired: [desired],
        live: [live],
        ignoreDifferences: rules,
      });
      expect((without.tasks[0].target?.spec as any).replicas).toBe(1);
      const withOpt = plan({
        desired: [desired],
        live: [live],
        ignoreDifferences: rules,
        syncOptions: ['RespectIgnoreDifferences=true'],
      });
      expect((withOpt.tasks[0].target?.spec as any).replicas).toBe(5);
      expect((desired.spec as any).replicas).toBe(1);
    });

    it('rejects an unknown prune propagation policy', () => {
      expect(
        plan({ syncOptions: ['PrunePropagationPolicy=sideways'] }).issues[0]
          .message,
      ).toMatch(/PrunePropagationPolicy=sideways/);
      expect(
        plan({ syncOptions: ['PrunePropagationPolicy=background'] }).settings
          .prunePropagationPolicy,
      ).toBe('Background');
    });
  });

  it('selective sync plans only the chosen resources, prunes included', () => {
    const gone = managedLive(obj('ConfigMap', 'gone', { namespace: 'shop' }));
    const other = managedLive(
      obj('ConfigMap', 'other-gone', { namespace: 'shop' }),
    );
    const p = plan({
      desired: [obj('ConfigMap', 'a'), obj('Service', 'svc')],
      live: [gone, other],
      request: {
        prune: true,
        resources: [
          { kind: 'Service', name: 'svc', namespace: 'shop' },
          { kind: 'ConfigMap', name: 'gone' },
        ],
      },
    });
    expect(order(p)).toEqual([
      'Sync/0/prune/ConfigMap/gone',
      'Sync/0/apply/Service/svc',
    ]);
  });

  it('rejects an application name that cannot be a label value', () => {
    expect(plan({ appName: 'x'.repeat(64) }).issues[0].message).toMatch(
      /not a valid label value/,
    );
  });
});
