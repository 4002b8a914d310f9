/* Fixtures shared by the executor's tests: objects, and an executor over an
 * in-memory cluster with a fake clock. */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { SyncPlanInput, planSync } from '@slipway/plugin-slipway-node';
import { MemoryClusterClient } from '../../cluster';
import { SyncExecutor } from '../SyncExecutor';
import type { SyncExecutorOptions, SyncProgressEvent } from '../types';

export const APP = 'shop';

export function cm(
  name: string,
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'shop',
      ...(annotations ? { annotations } : {}),
    },
    data: { k: name },
  };
}
export function deploy(name: string, wave?: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'shop',
      ...(wave
        ? { annotations: { 'argocd.argoproj.io/sync-wave': wave } }
        : {}),
    },
    spec: { replicas: 1 },
  };
}
export function job(
  name: string,
  hook: string,
  extra: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'shop',
      annotations: { 'argocd.argoproj.io/hook': hook, ...extra },
    },
    spec: {},
  };
}
export const succeed = (o: KubeObject) => ({
  ...o,
  status: { conditions: [{ type: 'Complete', status: 'True' }] },
});
export const failJob = (o: KubeObject) => ({
  ...o,
  status: {
    conditions: [
      { type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' },
    ],
  },
});

export function setup(extra: Partial<SyncExecutorOptions> = {}) {
  const client = new MemoryClusterClient();
  client.put({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop' },
  });
  const sleeps: number[] = [];
  let clock = 0;
  const executor = new SyncExecutor({
    client,
    sleep: async ms => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    pollIntervalMs: 1000,
    ...extra,
  });
  const events: SyncProgressEvent[] = [];
  const plan = (input: Partial<SyncPlanInput>) =>
    planSync({
      appName: APP,
      namespace: 'shop',
      desired: [],
      live: client.all(),
      revision: 'abc1234',
      startedAt: 0,
      ...input,
    });
  const writes = () =>
    client.calls
      .filter(c => !c.dryRun)
      .map(c => `${c.verb} ${c.ref.kind}/${c.ref.name}`);
  return {
    client,
    executor,
    events,
    sleeps,
    plan,
    writes,
    onProgress: (e: SyncProgressEvent) => events.push(e),
  };
}
