import {
  formatResourceKey,
  HealthStatusCode,
  ResourceKey,
  SlipwayResourceNode,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';

/** What the user narrowed the graph to; an empty list means "any". */
export interface GraphFilters {
  kinds: string[];
  health: HealthStatusCode[];
  sync: SyncStatusCode[];
  /** Whether orphaned resources are drawn; hidden unless asked for, as in Argo CD. */
  orphaned: boolean;
}

/** No filter: every resource of the application, orphaned ones hidden. */
export const NO_FILTERS: GraphFilters = { kinds: [], health: [], sync: [], orphaned: false };

/** The application itself, drawn as the root of its resources. */
export interface GraphRoot {
  name: string;
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
}

/** A node of the drawn graph: the application or one of its resources. */
export interface ResourceGraphNode {
  id: string;
  kind: string;
  name: string;
  namespace?: string;
  health?: HealthStatusCode;
  healthMessage?: string;
  sync?: SyncStatusCode;
  requiresPruning?: boolean;
  /** In the application's namespace, tracked by no application. */
  orphaned?: boolean;
  /** Absent for the application node. */
  resource?: ResourceKey;
}

/** An edge from owner (or application) to what it manages or owns. */
export interface ResourceGraphEdge {
  from: string;
  to: string;
}

/** The graph to draw, and how many resources the filters hid. */
export interface ResourceGraph {
  nodes: ResourceGraphNode[];
  edges: ResourceGraphEdge[];
  hiddenCount: number;
}

/** Id of the application's node; resource ids are `group/kind/namespace/name`, never this. */
export const ROOT_NODE_ID = 'application';

function matches(node: SlipwayResourceNode, filters: GraphFilters): boolean {
  if (node.orphaned && !filters.orphaned) return false;
  if (filters.kinds.length > 0 && !filters.kinds.includes(node.kind)) return false;
  if (filters.health.length > 0 && !filters.health.includes(node.health?.status ?? 'Unknown')) {
    return false;
  }
  if (filters.sync.length > 0) {
    // Owned children (Pods, ReplicaSets) are not compared with Git; they have no sync status.
    if (!node.syncStatus || !filters.sync.includes(node.syncStatus)) return false;
  }
  return true;
}

/**
 * Turns an application's resource tree into graph nodes and edges:
 * application → managed resources → owned children (by `parents`). Edges
 * come only from the tree, nothing is inferred. A resource hidden by the
 * filters is skipped over: its visible descendants hang from its nearest
 * visible ancestor (or the application), so that filtering for Pods still
 * shows which application they belong to. Pure; linear in the tree size
 * times its depth.
 */
export function toGraph(
  tree: readonly SlipwayResourceNode[],
  filters: GraphFilters,
  root: GraphRoot,
): ResourceGraph {
  const byId = new Map<string, SlipwayResourceNode>();
  for (const node of tree) byId.set(formatResourceKey(node), node);

  const visible = new Set<string>();
  for (const [id, node] of byId) if (matches(node, filters)) visible.add(id);

  // Nearest visible ancestors of a resource, memoised; `ROOT_NODE_ID` when none.
  const anchors = new Map<string, string[]>();
  const anchorsOf = (id: string, path: Set<string>): string[] => {
    const known = anchors.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const result = new Set<string>();
    for (const parent of node.parents) {
      const parentId = formatResourceKey(parent);
      // A parent outside the tree, or an ownership cycle, leaves the resource under the application.
      if (!byId.has(parentId) || path.has(parentId)) continue;
      if (visible.has(parentId)) {
        result.add(parentId);
      } else {
        path.add(parentId);
        for (const anchor of anchorsOf(parentId, path)) result.add(anchor);
        path.delete(parentId);
      }
    }
    const list = result.size > 0 ? [...result] : [ROOT_NODE_ID];
    anchors.set(id, list);
    return list;
  };

  const nodes: ResourceGraphNode[] = [
    { id: ROOT_NODE_ID, kind: 'Application', name: root.name, health: root.health, sync: root.sync },
  ];
  const edges: ResourceGraphEdge[] = [];
  for (const id of visible) {
    const node = byId.get(id)!;
    nodes.push({
      id,
      kind: node.kind,
      name: node.name,
      namespace: node.namespace || undefined,
      health: node.health?.status,
      healthMessage: node.health?.message,
      sync: node.syncStatus,
      requiresPruning: node.requiresPruning,
      ...(node.orphaned ? { orphaned: true } : {}),
      resource: { group: node.group, kind: node.kind, namespace: node.namespace, name: node.name },
    });
    for (const anchor of anchorsOf(id, new Set([id]))) edges.push({ from: anchor, to: id });
  }
  return { nodes, edges, hiddenCount: byId.size - visible.size };
}

/** How many resources of a tree are orphaned. */
export function orphanCount(tree: readonly SlipwayResourceNode[]): number {
  return tree.filter(node => node.orphaned).length;
}

/** The kinds present in a tree, sorted, for the kind filter. */
export function kindsOf(tree: readonly SlipwayResourceNode[]): string[] {
  return [...new Set(tree.map(node => node.kind))].sort((a, b) => a.localeCompare(b));
}
