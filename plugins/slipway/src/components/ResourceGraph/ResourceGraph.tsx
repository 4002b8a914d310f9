import { useCallback, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  DependencyGraph,
  DependencyGraphTypes,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type {
  HealthStatusCode,
  ResourceKey,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';
import { ResourceDrawer } from '../ResourceDrawer';
import { ResourceGraphFilters } from './ResourceGraphFilters';
import { ResourceEdge } from './ResourceEdge';
import { NODE_HEIGHT, NODE_WIDTH, ResourceNode, useResourceNodeStyles } from './ResourceNode';
import {
  GraphFilters,
  kindsOf,
  NO_FILTERS,
  orphanCount,
  ResourceGraphNode,
  toGraph,
} from './toGraph';
import { useResourceTree } from './useResourceTree';

/** The application whose resources are drawn. */
export interface ResourceGraphApplication {
  entityRef: string;
  name: string;
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
}

/**
 * The resource graph of one application: application → managed resources →
 * owned children, with kind, health and sync filters; a click on a resource
 * opens its manifests, diff and events.
 */
export function ResourceGraph({
  application,
}: {
  application: ResourceGraphApplication;
}) {
  const { entityRef, name, health, sync } = application;
  const tree = useResourceTree(entityRef);
  const [filters, setFilters] = useState<GraphFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<ResourceKey>();
  const classes = useResourceNodeStyles();

  const nodes = tree.value;
  const kinds = useMemo(() => kindsOf(nodes ?? []), [nodes]);
  const orphans = useMemo(() => orphanCount(nodes ?? []), [nodes]);
  const graph = useMemo(
    () => toGraph(nodes ?? [], filters, { name, health, sync }),
    [nodes, filters, name, health, sync],
  );
  // Every node has one known size: the graph lays them out with it at once instead of first with
  // size 0 and again once it has measured them (patches/ makes DependencyGraph keep a given size).
  const sizedNodes = useMemo(
    () => graph.nodes.map(node => ({ ...node, width: NODE_WIDTH, height: NODE_HEIGHT })),
    [graph],
  );
  const onSelect = useCallback((node: ResourceGraphNode) => {
    if (node.resource) setSelected(node.resource);
  }, []);
  const renderEdge = useCallback(
    // Keyed here: the graph puts what this returns straight into a list.
    ({ edge, id }: DependencyGraphTypes.RenderEdgeProps<{}>) => (
      <ResourceEdge
        key={`${id.v}>${id.w}`}
        points={edge.points}
        className={classes.edge}
      />
    ),
    [classes],
  );
  const renderNode = useCallback(
    ({ node }: DependencyGraphTypes.RenderNodeProps<ResourceGraphNode>) => (
      <ResourceNode node={node} classes={classes} onSelect={onSelect} />
    ),
    [classes, onSelect],
  );

  if (tree.loading) {
    return (
      <>
        <Progress />
        {/* An empty graph, never shown, so that the graph's own code (a chunk loaded on first use:
            dagre, d3) is fetched while the tree is on its way instead of after it has arrived. */}
        <Box display="none" data-testid="resource-graph-preload">
          <DependencyGraph nodes={[]} edges={[]} />
        </Box>
      </>
    );
  }
  if (tree.error) {
    return (
      <>
        <ResponseErrorPanel
          title={`Could not load the resources of ${name}; check that the Slipway backend is reachable, then retry`}
          error={tree.error}
        />
        <Button
          variant="outlined"
          onClick={tree.reload}
          style={{ marginTop: 8 }}
        >
          Retry
        </Button>
      </>
    );
  }
  if (!nodes || nodes.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={`No resources for ${name} yet`}
        description="Slipway has not seen any cluster resource of this application. A new application shows its resources after the first reconcile (a minute at most, or Refresh on the status card); if it stays empty, check that its source path renders manifests and sync it."
      />
    );
  }
  return (
    <Box>
      <ResourceGraphFilters
        kinds={kinds}
        filters={filters}
        onChange={setFilters}
        shown={graph.nodes.length - 1}
        total={nodes.length - (filters.orphaned ? 0 : orphans)}
        orphans={orphans}
      />
      {graph.nodes.length === 1 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No resource matches these filters; widen or clear them to see the
          resources.
        </Typography>
      )}
      {/* A large application grows tall; it scrolls inside the card, the page stays put. */}
      <Box maxHeight="75vh" overflow="auto">
        <DependencyGraph<ResourceGraphNode, {}>
          nodes={sizedNodes}
          edges={graph.edges}
          renderNode={renderNode}
          renderEdge={renderEdge}
          direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
          // Tight tree keeps every edge one column long, as a tree's edges can be. Longest path
          // pushed each childless resource into the Pods' column: a long edge, and per column it
          // spans one dagre dummy node to lay out (twice the layout time at 500 resources).
          ranker={DependencyGraphTypes.Ranker.TIGHT_TREE}
          nodeMargin={12}
          rankMargin={60}
          paddingX={16}
          paddingY={16}
          zoom="enable-on-click"
          fit="grow"
          aria-label={`Resource graph of ${name}`}
        />
      </Box>
      <ResourceDrawer
        entityRef={entityRef}
        resource={selected}
        onClose={() => setSelected(undefined)}
      />
    </Box>
  );
}
