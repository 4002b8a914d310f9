import { planSync, stampManaged } from '@slipway/plugin-slipway-node';
import { ClusterError, MemoryClusterClient } from '../cluster';
import { SyncExecutor } from './SyncExecutor';
import type { SyncProgressEvent } from './types';
import { APP, cm, deploy, job, setup } from './__testUtils__/executorFixtures';

describe('SyncExecutor: prune, dry run, terminate, retry', () => {
  it('prunes removed resources, skips Prune=false ones and those without prune', async () => {
    const { client, executor, plan } = setup();
    client.put(stampManaged(cm('gone'), APP));
    client.put(
      stampManaged(
        cm('kept', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
        APP,
      ),
    );
    const withoutPrune = await executor.execute(
      plan({ desired: [cm('config')] }),
    );
    expect(
      withoutPrune.resources.find(r => r.key.name === 'gone'),
    ).toMatchObject({
      status: 'PruneSkipped',
      message: 'ignored (requires pruning)',
    });
    const result = await executor.execute(
      plan({ desired: [cm('config')], request: { prune: true } }),
    );
    expect(result.phase).toBe('Succeeded');
    const byName = Object.fromEntries(
      result.resources.map(r => [r.key.name, r.status]),
    );
    expect(byName).toEqual({
      gone: 'Pruned',
      kept: 'PruneSkipped',
      config: 'Synced',
    });
    expect(
      client
        .all()
        .map(o => o.metadata.name)
        .sort(),
    ).toEqual(['config', 'kept', 'shop']);
  });

  it('PruneLast deletes after every wave has been applied', async () => {
    const { client, executor, plan, writes } = setup();
    client.put(
      stampManaged(
        cm('old', { 'argocd.argoproj.io/sync-options': 'PruneLast=true' }),
        APP,
      ),
    );
    client.put(stampManaged(cm('older'), APP));
    await executor.execute(
      plan({
        desired: [deploy('web', '2'), cm('config')],
        request: { prune: true },
      }),
    );
    expect(writes()).toEqual([
      'delete ConfigMap/older',
      'apply ConfigMap/config',
      'apply Deployment/web',
      'delete ConfigMap/old',
    ]);
  });

  it('CreateNamespace creates the destination namespace first, untracked', async () => {
    const { client, executor, plan } = setup();
    const result = await executor.execute(
      plan({
        namespace: 'fresh',
        desired: [{ ...cm('config'), metadata: { name: 'config' } }],
        syncOptions: ['CreateNamespace=true'],
      }),
    );
    expect(result.phase).toBe('Succeeded');
    const ns = await client.get({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'fresh',
    });
    expect(ns).toBeDefined();
    expect(ns?.metadata.labels?.['slipway.io/app-instance']).toBeUndefined();
    expect(
      await client.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'fresh',
        name: 'config',
      }),
    ).toBeDefined();
    // a created namespace has no health: its task is done, not left Running
    expect(
      result.resources.find(r => r.key.kind === 'Namespace'),
    ).toMatchObject({
      syncPhase: 'PreSync',
      status: 'Synced',
      operationPhase: 'Succeeded',
    });

    // once it exists (and no managed metadata is asked for), Argo CD has no namespace task: no result
    const again = await executor.execute(
      plan({
        namespace: 'fresh',
        desired: [{ ...cm('config'), metadata: { name: 'config' } }],
        syncOptions: ['CreateNamespace=true'],
      }),
    );
    expect(again.phase).toBe('Succeeded');
    expect(again.resources.map(r => r.key.kind)).toEqual(['ConfigMap']);
  });

  it('fails without running SyncFail hooks when the namespace cannot be created, as Argo CD does', async () => {
    const { client, executor, plan, writes } = setup();
    client.failWhen((_verb, ref) =>
      ref.kind === 'Namespace'
        ? new ClusterError('namespaces "fresh" is forbidden', 403, 'Forbidden')
        : undefined,
    );
    const result = await executor.execute(
      plan({
        namespace: 'fresh',
        desired: [
          { ...cm('config'), metadata: { name: 'config' } },
          job('notify', 'SyncFail'),
        ],
        syncOptions: ['CreateNamespace=true'],
      }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(
      /^the namespace failed to apply, reason: .*forbidden/,
    );
    // the namespace was attempted; nothing else, the SyncFail hook neither
    expect(writes()).toEqual(['apply Namespace/fresh']);
  });

  it('dry run changes nothing and reports what would happen', async () => {
    const { client, executor, plan } = setup();
    client.put(stampManaged(cm('gone'), APP));
    const before = client.all();
    const result = await executor.execute(
      plan({
        desired: [cm('config'), job('migrate', 'PreSync')],
        request: { dryRun: true, prune: true },
      }),
    );
    expect(result.phase).toBe('Succeeded');
    expect(client.all()).toEqual(before);
    expect(client.calls.every(c => c.dryRun)).toBe(true);
    expect(
      result.resources.map(r => `${r.key.name}:${r.status}:${r.message}`),
    ).toEqual([
      'migrate:Synced:Job shop/migrate created (dry run)',
      'gone:Pruned:pruned (dry run)',
      'config:Synced:ConfigMap shop/config created (dry run)',
    ]);
  });

  it('refuses to start when the server rejects an object in the validating dry run', async () => {
    const { client, executor, plan, writes } = setup();
    client.failWhen((verb, ref) =>
      verb === 'apply' && ref.name === 'bad'
        ? new ClusterError('spec.replicas: Invalid value: "x"', 422, 'Invalid')
        : undefined,
    );
    const result = await executor.execute(
      plan({ desired: [cm('good'), deploy('bad', '1')] }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(
      /failed to apply \(dry run\), reason: spec.replicas: Invalid value/,
    );
    expect(writes()).toEqual([]);
  });

  it('terminates on abort: deletes the running hook and ends Failed', async () => {
    const controller = new AbortController();
    const client = new MemoryClusterClient();
    client.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    let polls = 0;
    const executor = new SyncExecutor({
      client,
      pollIntervalMs: 1,
      sleep: async () => {
        if (++polls === 3) controller.abort();
      },
    });
    const events: SyncProgressEvent[] = [];
    const result = await executor.execute(
      planSync({
        appName: APP,
        namespace: 'shop',
        desired: [job('forever', 'PreSync'), cm('config')],
        live: [],
      }),
      {
        signal: controller.signal,
        onProgress: e => events.push(e),
      },
    );
    expect(result).toMatchObject({
      phase: 'Failed',
      message: 'Operation terminated',
    });
    expect(
      await client.get({
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: 'shop',
        name: 'forever',
      }),
    ).toBeUndefined();
    expect(
      await client.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop',
        name: 'config',
      }),
    ).toBeUndefined();
    expect(result.resources[0]).toMatchObject({
      operationPhase: 'Failed',
      message: 'Terminated',
    });
    expect(
      events.some(e => e.type === 'operation' && e.phase === 'Terminating'),
    ).toBe(true);
  });

  it('retries a failed operation with exponential backoff', async () => {
    const { client, executor, plan, sleeps } = setup();
    let failures = 2;
    client.failWhen((verb, ref) =>
      verb === 'apply' &&
      ref.name === 'config' &&
      !client.calls[client.calls.length - 1].dryRun &&
      failures-- > 0
        ? new ClusterError(
            'etcdserver: request timed out',
            500,
            'InternalError',
          )
        : undefined,
    );
    const result = await executor.execute(plan({ desired: [cm('config')] }), {
      retry: { limit: 3, backoff: { durationMs: 5000, factor: 2 } },
    });
    expect(result).toMatchObject({ phase: 'Succeeded', attempts: 3 });
    expect(sleeps).toEqual([5000, 10000]);
  });

  it('gives up after the retry limit', async () => {
    const { client, executor, plan } = setup();
    client.failWhen((verb, ref) =>
      verb === 'apply' &&
      ref.name === 'config' &&
      !client.calls[client.calls.length - 1].dryRun
        ? new ClusterError('boom', 500, 'InternalError')
        : undefined,
    );
    const result = await executor.execute(plan({ desired: [cm('config')] }), {
      retry: { limit: 1 },
    });
    expect(result).toMatchObject({ phase: 'Failed', attempts: 2 });
    expect(result.resources[0]).toMatchObject({
      status: 'SyncFailed',
      message: 'boom',
    });
  });

  it('does not execute a plan with issues', async () => {
    const { executor, plan, writes } = setup();
    const result = await executor.execute(
      plan({ desired: [cm('x', { 'argocd.argoproj.io/sync-wave': 'first' })] }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(/not valid: .*sync-wave/);
    expect(writes()).toEqual([]);
  });
});
