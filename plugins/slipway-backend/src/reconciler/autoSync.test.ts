import { AutoSyncInput, decideAutoSync } from './autoSync';

const deployment = { key: { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'web' }, status: 'OutOfSync' as const, requiresPruning: false };
const config = { key: { group: '', kind: 'ConfigMap', namespace: 'web', name: 'cfg' }, status: 'Synced' as const, requiresPruning: false };

const input = (over: Partial<AutoSyncInput> = {}): AutoSyncInput => ({
  syncPolicy: { automated: { prune: false, selfHeal: false } },
  syncStatus: 'OutOfSync',
  revisions: ['c2'],
  specHash: 'spec',
  resources: [deployment, config],
  windowAllows: true,
  forbidden: false,
  selfHealTimeoutMs: 5000,
  now: 100_000,
  ...over,
});

describe('automated sync (Argo CD syncPolicy.automated)', () => {
  it('does nothing without an automated policy or when the application is not OutOfSync', () => {
    expect(decideAutoSync(input({ syncPolicy: {} })).action).toBe('skip');
    expect(decideAutoSync(input({ syncPolicy: { automated: null } })).action).toBe('skip');
    expect(decideAutoSync(input({ syncStatus: 'Synced' })).action).toBe('skip');
    expect(decideAutoSync(input({ syncStatus: 'Unknown' })).action).toBe('skip');
  });

  it('syncs an OutOfSync application to the compared commit, pruning only when the policy says so', () => {
    expect(decideAutoSync(input())).toEqual({ action: 'sync', request: { prune: false, revision: 'c2' }, selfHeal: false });
    const pruning = decideAutoSync(input({ syncPolicy: { automated: { prune: true } } }));
    expect(pruning).toMatchObject({ action: 'sync', request: { prune: true } });
  });

  it('syncs when a new commit or a changed spec arrives after an earlier sync', () => {
    const last = { phase: 'Succeeded' as const, revisions: ['c1'], specHash: 'spec', finishedAt: 0 };
    expect(decideAutoSync(input({ lastOperation: last })).action).toBe('sync');
    const sameCommitNewSpec = { ...last, revisions: ['c2'], specHash: 'old-spec' };
    expect(decideAutoSync(input({ lastOperation: sameCommitNewSpec })).action).toBe('sync');
  });

  it('without selfHeal, does not sync the same commit again: drift stays until the next commit', () => {
    const last = { phase: 'Succeeded' as const, revisions: ['c2'], specHash: 'spec', finishedAt: 0 };
    expect(decideAutoSync(input({ lastOperation: last }))).toMatchObject({ action: 'skip', reason: expect.stringContaining('already went to c2') });
  });

  it('with selfHeal, syncs the out-of-sync resources again, once the self-heal timeout has passed', () => {
    const policy = { automated: { selfHeal: true } };
    const last = { phase: 'Succeeded' as const, revisions: ['c2'], specHash: 'spec', finishedAt: 97_000 };
    expect(decideAutoSync(input({ syncPolicy: policy, lastOperation: last }))).toEqual({
      action: 'skip',
      reason: 'waiting for the self-heal timeout',
      retryAfterMs: 2000,
    });
    expect(decideAutoSync(input({ syncPolicy: policy, lastOperation: last, now: 102_000 }))).toEqual({
      action: 'sync',
      selfHeal: true,
      request: { prune: false, revision: 'c2', resources: [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'web' }] },
    });
  });

  it('never retries a failed sync to the same commit, and says so with a SyncError condition', () => {
    const last = { phase: 'Failed' as const, revisions: ['c2'], specHash: 'spec', message: 'Deployment web: invalid', finishedAt: 0 };
    for (const syncPolicy of [{ automated: {} }, { automated: { selfHeal: true } }]) {
      expect(decideAutoSync(input({ syncPolicy, lastOperation: last }))).toMatchObject({
        action: 'skip',
        condition: { type: 'SyncError', message: 'Failed sync attempt to c2: Deployment web: invalid' },
      });
    }
  });

  it('does not start while an operation is queued or running', () => {
    for (const phase of ['Queued', 'Running', 'Terminating'] as const) {
      expect(decideAutoSync(input({ lastOperation: { phase } })).action).toBe('skip');
    }
  });

  it('does not sync when only resources to prune differ and automated prune is off, with or without selfHeal', () => {
    const stale = { key: { group: '', kind: 'ConfigMap', namespace: 'web', name: 'old' }, status: 'OutOfSync' as const, requiresPruning: true };
    for (const automated of [{ prune: false }, { prune: false, selfHeal: true }]) {
      expect(decideAutoSync(input({ syncPolicy: { automated }, resources: [config, stale] }))).toEqual({
        action: 'skip',
        reason: 'only resources to prune differ, and automated prune is off',
      });
    }
    expect(decideAutoSync(input({ syncPolicy: { automated: { prune: true } }, resources: [config, stale] })).action).toBe('sync');
    expect(decideAutoSync(input({ resources: [deployment, stale] })).action).toBe('sync');
  });

  it('refuses to prune every resource unless allowEmpty is set', () => {
    const allPruned = [
      { ...deployment, requiresPruning: true },
      { ...config, requiresPruning: true, status: 'OutOfSync' as const },
    ];
    expect(decideAutoSync(input({ syncPolicy: { automated: { prune: true } }, resources: allPruned }))).toMatchObject({
      action: 'skip',
      condition: { type: 'SyncError', message: expect.stringContaining('auto-sync will wipe out all resources') },
    });
    expect(decideAutoSync(input({ syncPolicy: { automated: { prune: true, allowEmpty: true } }, resources: allPruned })).action).toBe('sync');
    // without prune there is nothing to sync: only resources to prune differ
    expect(decideAutoSync(input({ syncPolicy: { automated: { prune: false } }, resources: allPruned })).action).toBe('skip');
  });

  it('is blocked by sync windows and by project violations', () => {
    expect(decideAutoSync(input({ windowAllows: false }))).toMatchObject({ action: 'skip', reason: 'a sync window blocks automated syncs' });
    expect(decideAutoSync(input({ forbidden: true })).action).toBe('skip');
  });
});
