import { KubeObject } from '@slipway/plugin-slipway-common';
import { APP, managedLive, obj, order, plan } from './__testUtils__/planFixtures';

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

  it('reads an empty sync-wave as none, falling back to the Helm hook weight, then 0', () => {
    const p = plan({
      desired: [
        obj('ConfigMap', 'c', { annotations: { 'argocd.argoproj.io/sync-wave': '' } }),
        obj('ConfigMap', 'd', {
          annotations: { 'argocd.argoproj.io/sync-wave': ' ', 'helm.sh/hook-weight': '3' },
        }),
      ],
    });
    expect(p.issues).toEqual([]);
    expect(p.tasks.map(t => [t.key.name, t.wave])).toEqual([
      ['c', 0],
      ['d', 3],
    ]);
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
