import { stampManaged } from './tracking';
import { APP, managedLive, obj, order, plan } from './__testUtils__/planFixtures';

describe('planSync: prune and sync options', () => {
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

    it("keeps Prune=confirm resources, the resource's or the Application's, until a sync confirms their pruning", () => {
      const guarded = obj('Namespace', 'shop-data', {
        annotations: { 'argocd.argoproj.io/sync-options': 'Prune=confirm' },
      });
      const waiting = plan({ desired: [], live: [managedLive(guarded)], request: { prune: true } });
      expect(waiting.tasks[0].pruneSkipReason).toBe(
        'ignored (Prune=confirm: pruning waits for confirmation; sync again with pruning confirmed)',
      );
      const confirmed = plan({ desired: [], live: [managedLive(guarded)], request: { prune: true, confirmPrune: true } });
      expect(confirmed.tasks[0].pruneSkipReason).toBeUndefined();
      const appLevel = plan({
        desired: [],
        live: [managedLive(gone)],
        request: { prune: true, syncOptions: ['Prune=confirm'] },
      });
      expect(appLevel.tasks[0].pruneSkipReason).toContain('Prune=confirm');
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

    it('SkipDryRunOnMissingResource=true from the resource (hooks too) or the app', () => {
      const skip = {
        annotations: {
          'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
        },
      };
      const p = plan({
        desired: [
          obj('ConfigMap', 'a'),
          obj('ConfigMap', 'b', skip),
          obj('ConfigMap', 'h', {
            annotations: {
              ...skip.annotations,
              'argocd.argoproj.io/hook': 'PreSync',
            },
          }),
        ],
      });
      expect(
        Object.fromEntries(
          p.tasks.map(t => [t.key.name, !!t.skipDryRunOnMissingResource]),
        ),
      ).toEqual({ a: false, b: true, h: true });
      const p2 = plan({
        desired: [obj('ConfigMap', 'a')],
        syncOptions: ['SkipDryRunOnMissingResource=true'],
      });
      expect(p2.tasks[0].skipDryRunOnMissingResource).toBe(true);
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

    it('reads Replace and Force from Git only, not from the live object the last sync wrote', () => {
      const web = obj('Deployment', 'web', { namespace: 'shop' });
      const lastSynced = managedLive(
        obj('Deployment', 'web', {
          namespace: 'shop',
          annotations: { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' },
        }),
      );
      const p = plan({ desired: [web], live: [lastSynced] });
      expect(p.tasks[0].apply).toEqual({ replace: false, force: false, validate: true });
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
      // a name every JavaScript object has is no policy either
      expect(
        plan({ syncOptions: ['PrunePropagationPolicy=constructor'] }).issues[0]
          .message,
      ).toMatch(/PrunePropagationPolicy=constructor is not one of/);
      expect(
        plan({ syncOptions: ['PrunePropagationPolicy=background'] }).settings
          .prunePropagationPolicy,
      ).toBe('Background');
    });
  });
});
