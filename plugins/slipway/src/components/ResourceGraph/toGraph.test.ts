import type { SlipwayResourceNode } from '@slipway/plugin-slipway-common';
import { largeTree, paymentsTree } from './__fixtures__/resourceTrees';
import { NO_FILTERS, ROOT_NODE_ID, toGraph, kindsOf, orphanCount } from './toGraph';

const root = { name: 'payments-prod', health: 'Degraded' as const, sync: 'OutOfSync' as const };
const edgeSet = (edges: Array<{ from: string; to: string }>) => edges.map(e => `${e.from} -> ${e.to}`).sort();

describe('toGraph', () => {
  it('draws application → managed resources → owned children from the tree', () => {
    const graph = toGraph(paymentsTree, NO_FILTERS, root);
    expect(graph.nodes).toHaveLength(paymentsTree.length + 1);
    expect(graph.nodes[0]).toEqual({ id: ROOT_NODE_ID, kind: 'Application', name: 'payments-prod', health: 'Degraded', sync: 'OutOfSync' });
    expect(edgeSet(graph.edges)).toEqual(
      [
        'application -> apps/Deployment/payments/payments',
        'application -> /Service/payments/payments',
        'application -> /ConfigMap/payments/payments-config',
        'application -> /Secret/payments/payments-db',
        'apps/Deployment/payments/payments -> apps/ReplicaSet/payments/payments-7d9f',
        'apps/ReplicaSet/payments/payments-7d9f -> /Pod/payments/payments-7d9f-a1',
        'apps/ReplicaSet/payments/payments-7d9f -> /Pod/payments/payments-7d9f-b2',
        '/Service/payments/payments -> discovery.k8s.io/EndpointSlice/payments/payments-x8k2',
      ].sort(),
    );
    expect(graph.hiddenCount).toBe(0);
  });

  it('keeps kind, name, health with its reason and sync status on each node', () => {
    const pod = toGraph(paymentsTree, NO_FILTERS, root).nodes.find(n => n.name === 'payments-7d9f-b2');
    expect(pod).toEqual({
      id: '/Pod/payments/payments-7d9f-b2',
      kind: 'Pod',
      name: 'payments-7d9f-b2',
      namespace: 'payments',
      health: 'Degraded',
      healthMessage: 'Back-off restarting failed container payments',
      sync: undefined,
      requiresPruning: undefined,
      resource: { group: '', kind: 'Pod', namespace: 'payments', name: 'payments-7d9f-b2' },
    });
  });

  it('invents no edge the tree does not give: a Service is not linked to Pods by selector', () => {
    const { edges } = toGraph(paymentsTree, NO_FILTERS, root);
    expect(edges.filter(e => e.from === '/Service/payments/payments' && e.to.includes('/Pod/'))).toEqual([]);
  });

  it('hangs the visible descendants of a hidden resource from its nearest visible ancestor', () => {
    const graph = toGraph(paymentsTree, { ...NO_FILTERS, kinds: ['Pod'] }, root);
    expect(graph.nodes.map(n => n.id)).toEqual([ROOT_NODE_ID, '/Pod/payments/payments-7d9f-a1', '/Pod/payments/payments-7d9f-b2']);
    expect(edgeSet(graph.edges)).toEqual([
      'application -> /Pod/payments/payments-7d9f-a1',
      'application -> /Pod/payments/payments-7d9f-b2',
    ]);
    expect(graph.hiddenCount).toBe(6);

    const withDeployments = toGraph(paymentsTree, { ...NO_FILTERS, kinds: ['Deployment', 'Pod'] }, root);
    expect(edgeSet(withDeployments.edges)).toContain('apps/Deployment/payments/payments -> /Pod/payments/payments-7d9f-b2');
  });

  it('filters by health (no health counts as Unknown) and by sync (children have none)', () => {
    const degraded = toGraph(paymentsTree, { ...NO_FILTERS, health: ['Degraded'] }, root);
    expect(degraded.nodes.map(n => n.name).slice(1)).toEqual(['payments', 'payments-7d9f', 'payments-7d9f-b2']);

    const unknown = toGraph(paymentsTree, { ...NO_FILTERS, health: ['Unknown'] }, root);
    expect(unknown.nodes.map(n => n.kind).slice(1)).toEqual(['EndpointSlice', 'ConfigMap', 'Secret']);

    const outOfSync = toGraph(paymentsTree, { ...NO_FILTERS, sync: ['OutOfSync'] }, root);
    expect(outOfSync.nodes.map(n => n.name)).toEqual(['payments-prod', 'payments-config']);
  });

  it('combines filters: every given filter must match', () => {
    const graph = toGraph(paymentsTree, { kinds: ['Pod', 'Service'], health: ['Healthy'], sync: [], orphaned: false }, root);
    expect(graph.nodes.map(n => n.id).slice(1)).toEqual(['/Pod/payments/payments-7d9f-a1', '/Service/payments/payments']);
  });

  it('keeps a resource whose owner is outside the tree, or in an ownership cycle, under the application', () => {
    const tree: SlipwayResourceNode[] = [
      { group: '', kind: 'Pod', namespace: 'a', name: 'orphan', apiVersion: 'v1', managed: false, parents: [{ group: 'apps', kind: 'ReplicaSet', namespace: 'a', name: 'gone' }] },
      { group: 'x', kind: 'A', namespace: 'a', name: 'a', apiVersion: 'x/v1', managed: false, parents: [{ group: 'x', kind: 'B', namespace: 'a', name: 'b' }] },
      { group: 'x', kind: 'B', namespace: 'a', name: 'b', apiVersion: 'x/v1', managed: false, parents: [{ group: 'x', kind: 'A', namespace: 'a', name: 'a' }] },
    ];
    const all = toGraph(tree, NO_FILTERS, root);
    expect(edgeSet(all.edges)).toEqual(['application -> /Pod/a/orphan', 'x/A/a/a -> x/B/a/b', 'x/B/a/b -> x/A/a/a']);
    const onlyA = toGraph(tree, { ...NO_FILTERS, kinds: ['A'] }, root);
    expect(edgeSet(onlyA.edges)).toEqual(['application -> x/A/a/a']);
  });

  it('hides orphaned resources unless asked for, then draws them marked, the top-level ones under the application', () => {
    const tree: SlipwayResourceNode[] = [
      ...paymentsTree,
      { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'legacy', apiVersion: 'apps/v1', managed: false, orphaned: true, parents: [] },
      {
        group: 'apps',
        kind: 'ReplicaSet',
        namespace: 'payments',
        name: 'legacy-5f',
        apiVersion: 'apps/v1',
        managed: false,
        orphaned: true,
        parents: [{ group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'legacy' }],
      },
    ];
    expect(orphanCount(tree)).toBe(2);
    const hidden = toGraph(tree, NO_FILTERS, root);
    expect(hidden.nodes.some(n => n.name.startsWith('legacy'))).toBe(false);
    expect(hidden.hiddenCount).toBe(2);

    const shown = toGraph(tree, { ...NO_FILTERS, orphaned: true }, root);
    expect(shown.nodes.find(n => n.name === 'legacy')).toMatchObject({ kind: 'Deployment', orphaned: true });
    expect(shown.nodes.find(n => n.name === 'payments')?.orphaned).toBeUndefined();
    expect(edgeSet(shown.edges)).toEqual(
      expect.arrayContaining(['application -> apps/Deployment/payments/legacy', 'apps/Deployment/payments/legacy -> apps/ReplicaSet/payments/legacy-5f']),
    );
  });

  it('gives every resource of a 500-resource tree a node and exactly one edge from its owner', () => {
    const tree = largeTree(500);
    const graph = toGraph(tree, NO_FILTERS, root);
    expect(graph.nodes).toHaveLength(501);
    expect(graph.edges).toHaveLength(500);
    expect(new Set(graph.edges.map(e => e.to)).size).toBe(500);
  });
});

describe('kindsOf', () => {
  it('lists each kind of the tree once, sorted', () => {
    expect(kindsOf(paymentsTree)).toEqual(['ConfigMap', 'Deployment', 'EndpointSlice', 'Pod', 'ReplicaSet', 'Secret', 'Service']);
  });
});
