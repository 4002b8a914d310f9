import type { HealthStatus, KubeObject } from '@slipway/plugin-slipway-common';
import { stampManaged } from '@slipway/plugin-slipway-node';
import { SyncExecutor } from './SyncExecutor';
import {
  APP,
  cm,
  deploy,
  failJob,
  job,
  setup,
  succeed,
} from './__testUtils__/executorFixtures';

/** Health that turns Healthy after `polls` checks of each object. */
function healthAfter(polls: number) {
  const seen = new Map<string, number>();
  const order: string[] = [];
  const fn = async (obj: KubeObject): Promise<HealthStatus | undefined> => {
    if (obj.kind !== 'Deployment') return undefined;
    const n = (seen.get(obj.metadata.name!) ?? 0) + 1;
    seen.set(obj.metadata.name!, n);
    if (n < polls)
      return { status: 'Progressing', message: 'waiting for rollout' };
    order.push(obj.metadata.name!);
    return { status: 'Healthy' };
  };
  return { fn, order };
}

describe('SyncExecutor', () => {
  it('applies waves in order and waits for each wave to be healthy before the next', async () => {
    const health = healthAfter(3);
    const { executor, plan, writes, events, onProgress } = setup({
      health: health.fn,
    });
    const result = await executor.execute(
      plan({
        desired: [deploy('late', '1'), deploy('early', '-1'), cm('config')],
      }),
      { onProgress },
    );
    expect(result.phase).toBe('Succeeded');
    expect(writes()).toEqual([
      'apply Deployment/early',
      'apply ConfigMap/config',
      'apply Deployment/late',
    ]);
    // 'early' had to be healthy before wave 0 started; the last wave is not awaited (Argo CD)
    expect(health.order).toEqual(['early']);
    const waves = events
      .filter(e => e.type === 'wave')
      .map(e => e.type === 'wave' && `${e.wave}:${e.state}`);
    expect(waves).toEqual([
      '-1:started',
      '-1:applied',
      '-1:completed',
      '0:started',
      '0:applied',
      '0:completed',
      '1:started',
      '1:applied',
      '1:completed',
    ]);
    expect(result.resources.map(r => `${r.key.name}:${r.status}`)).toEqual([
      'early:Synced',
      'config:Synced',
      'late:Synced',
    ]);
    expect(result.resources.every(r => r.operationPhase === 'Succeeded')).toBe(
      true,
    );
    // a resource waited for ends with what applying it said, not its last progress
    const early = result.resources.find(r => r.key.name === 'early')!;
    expect(early.message).not.toMatch(/waiting for rollout/);
    expect(early.message).toBe(
      result.resources
        .find(r => r.key.name === 'late')!
        .message.replace('late', 'early'),
    );
  });

  it('waits between health checks with waitForChange when given, so a change ends the wait before the poll interval', async () => {
    const health = healthAfter(3);
    const waits: number[] = [];
    const { executor, plan, sleeps } = setup({
      health: health.fn,
      waitForChange: async ms => {
        waits.push(ms);
      },
    });
    const result = await executor.execute(
      plan({ desired: [deploy('early', '-1'), cm('config')] }),
    );
    expect(result.phase).toBe('Succeeded');
    expect(waits).toEqual([1000, 1000]);
    expect(sleeps).toEqual([]);
  });

  it('stamps applied objects with the tracking label and annotation', async () => {
    const { client, executor, plan } = setup();
    await executor.execute(plan({ desired: [cm('config')] }));
    const live = await client.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'config',
    });
    expect(live?.metadata.labels?.['slipway.io/app-instance']).toBe(APP);
    expect(live?.metadata.annotations?.['slipway.io/tracking-id']).toBe(
      'shop:/ConfigMap:shop/config',
    );
  });

  it('fails when a wave becomes Degraded and does not start the next wave', async () => {
    const { executor, plan, writes } = setup({
      health: async o =>
        o.kind === 'Deployment'
          ? { status: 'Degraded', message: 'CrashLoopBackOff' }
          : undefined,
    });
    const result = await executor.execute(
      plan({
        desired: [
          deploy('web', '0'),
          cm('after', { 'argocd.argoproj.io/sync-wave': '1' }),
        ],
      }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(
      /completed unsuccessfully, reason: .*CrashLoopBackOff/,
    );
    expect(writes()).toEqual(['apply Deployment/web']);
  });

  it('a failing PreSync hook stops the sync and runs the SyncFail hooks', async () => {
    const { client, executor, plan, writes } = setup();
    client.react((o, c) => {
      if (o.kind === 'Job' && !o.status)
        c.put(o.metadata.name === 'migrate' ? failJob(o) : succeed(o));
    });
    const result = await executor.execute(
      plan({
        desired: [
          job('migrate', 'PreSync', {
            'argocd.argoproj.io/hook-delete-policy': 'HookFailed',
          }),
          cm('config'),
          job('cleanup', 'SyncFail'),
        ],
      }),
    );
    expect(result.phase).toBe('Failed');
    expect(result.message).toMatch(/BackoffLimitExceeded/);
    expect(writes()).toEqual([
      'apply Job/migrate',
      'apply Job/cleanup',
      'delete Job/migrate',
    ]);
    const byName = Object.fromEntries(
      result.resources.map(r => [r.key.name, r]),
    );
    expect(byName.migrate).toMatchObject({
      hookType: 'PreSync',
      status: 'Synced',
      operationPhase: 'Failed',
    });
    expect(byName.cleanup).toMatchObject({
      hookType: 'SyncFail',
      operationPhase: 'Succeeded',
    });
    expect(byName.config).toBeUndefined();
  });

  it('waits for hooks, re-creates them (BeforeHookCreation) and deletes HookSucceeded hooks at the end', async () => {
    const { client, plan, writes } = setup();
    let polls = 0;
    client.react((o, c) => {
      if (o.kind === 'Job' && !o.status) c.put({ ...o, status: { active: 1 } });
    });
    const executorHealth = async (
      o: KubeObject,
    ): Promise<HealthStatus | undefined> => {
      if (o.kind !== 'Job') return undefined;
      polls++;
      if (polls >= 2) client.put(succeed(o));
      return undefined; // falls back to Job completion
    };
    const named = job('migrate', 'PreSync');
    client.put(stampManaged(succeed(named), APP));
    const custom = new SyncExecutor({
      client,
      health: executorHealth,
      sleep: async () => {},
      pollIntervalMs: 1,
    });
    const result = await custom.execute(
      plan({
        desired: [
          named,
          job('notify', 'PostSync', {
            'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded',
          }),
          cm('config'),
        ],
      }),
    );
    expect(result.phase).toBe('Succeeded');
    expect(writes()).toEqual([
      'delete Job/migrate',
      'apply Job/migrate',
      'apply ConfigMap/config',
      'apply Job/notify',
      'delete Job/notify',
    ]);
    expect(
      await client.get({
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: 'shop',
        name: 'notify',
      }),
    ).toBeUndefined();
    expect(
      await client.get({
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: 'shop',
        name: 'migrate',
      }),
    ).toBeDefined();
  });
});
