import type { ResourceKey, SlipwayResourceNode } from '@slipway/plugin-slipway-common';

const key = (group: string, kind: string, name: string, namespace = 'payments'): ResourceKey => ({
  group,
  kind,
  namespace,
  name,
});

/**
 * The tree of a small service as the backend reports it: a Deployment
 * whose ReplicaSet owns two Pods (one crash-looping), a Service with its
 * EndpointSlice, a ConfigMap waiting for sync and a Secret.
 */
export const paymentsTree: SlipwayResourceNode[] = [
  {
    ...key('apps', 'Deployment', 'payments'),
    apiVersion: 'apps/v1',
    parents: [],
    managed: true,
    syncStatus: 'Synced',
    health: { status: 'Degraded', message: 'Deployment "payments" exceeded its progress deadline' },
  },
  {
    ...key('apps', 'ReplicaSet', 'payments-7d9f'),
    apiVersion: 'apps/v1',
    parents: [key('apps', 'Deployment', 'payments')],
    managed: false,
    health: { status: 'Degraded' },
  },
  {
    ...key('', 'Pod', 'payments-7d9f-a1'),
    apiVersion: 'v1',
    parents: [key('apps', 'ReplicaSet', 'payments-7d9f')],
    managed: false,
    health: { status: 'Healthy' },
  },
  {
    ...key('', 'Pod', 'payments-7d9f-b2'),
    apiVersion: 'v1',
    parents: [key('apps', 'ReplicaSet', 'payments-7d9f')],
    managed: false,
    health: { status: 'Degraded', message: 'Back-off restarting failed container payments' },
  },
  {
    ...key('', 'Service', 'payments'),
    apiVersion: 'v1',
    parents: [],
    managed: true,
    syncStatus: 'Synced',
    health: { status: 'Healthy' },
  },
  {
    ...key('discovery.k8s.io', 'EndpointSlice', 'payments-x8k2'),
    apiVersion: 'discovery.k8s.io/v1',
    parents: [key('', 'Service', 'payments')],
    managed: false,
  },
  {
    ...key('', 'ConfigMap', 'payments-config'),
    apiVersion: 'v1',
    parents: [],
    managed: true,
    syncStatus: 'OutOfSync',
  },
  {
    ...key('', 'Secret', 'payments-db'),
    apiVersion: 'v1',
    parents: [],
    managed: true,
    syncStatus: 'Synced',
  },
];

/**
 * A large application of exactly `resourceCount` resources: per service a
 * Deployment, a Service, a ReplicaSet and seven Pods (ten resources), some
 * Services out of sync and some Pods progressing.
 */
export function largeTree(resourceCount: number): SlipwayResourceNode[] {
  const nodes: SlipwayResourceNode[] = [];
  for (let d = 0; nodes.length < resourceCount; d++) {
    const name = `svc-${d}`;
    const deployment = key('apps', 'Deployment', name);
    const replicaSet = key('apps', 'ReplicaSet', `${name}-rs`);
    nodes.push(
      { ...deployment, apiVersion: 'apps/v1', parents: [], managed: true, syncStatus: 'Synced', health: { status: 'Healthy' } },
      { ...key('', 'Service', name), apiVersion: 'v1', parents: [], managed: true, syncStatus: d % 7 === 0 ? 'OutOfSync' : 'Synced', health: { status: 'Healthy' } },
      { ...replicaSet, apiVersion: 'apps/v1', parents: [deployment], managed: false, health: { status: 'Healthy' } },
    );
    for (let p = 0; p < 7; p++) {
      nodes.push({
        ...key('', 'Pod', `${name}-rs-${p}`),
        apiVersion: 'v1',
        parents: [replicaSet],
        managed: false,
        health: { status: p === 0 && d % 5 === 0 ? 'Progressing' : 'Healthy' },
      });
    }
  }
  return nodes.slice(0, resourceCount);
}
