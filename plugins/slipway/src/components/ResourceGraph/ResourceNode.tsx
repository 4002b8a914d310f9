import { KeyboardEvent, memo } from 'react';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { CSSProperties } from '@material-ui/core/styles/withStyles';
import type { HealthStatusCode, SyncStatusCode } from '@slipway/plugin-slipway-common';
import { fitText } from './fitText';
import type { ResourceGraphNode } from './toGraph';

/** Every node has this size, so the layout never waits for text measurement to settle. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 74;
/** Where text starts in a node, and the room it has to its right edge. */
const TEXT_X = 10;
const TEXT_WIDTH = NODE_WIDTH - TEXT_X - 8;

function healthColour(theme: Theme, health?: HealthStatusCode): string {
  switch (health) {
    case 'Healthy':
      return theme.palette.success.main;
    case 'Progressing':
      return theme.palette.info.main;
    case 'Degraded':
      return theme.palette.error.main;
    case 'Missing':
      return theme.palette.warning.main;
    case 'Suspended':
      return theme.palette.text.secondary;
    default:
      return theme.palette.text.disabled;
  }
}

function syncColour(theme: Theme, sync?: SyncStatusCode): string {
  if (sync === 'Synced') return theme.palette.success.main;
  if (sync === 'OutOfSync') return theme.palette.warning.main;
  return theme.palette.text.disabled;
}

type ClassKey =
  | 'node'
  | 'box'
  | 'kind'
  | 'name'
  | 'badge'
  | 'reason'
  | 'edge'
  | `health${HealthStatusCode}`
  | `border${HealthStatusCode}`
  | `sync${SyncStatusCode}`;

/** Colours per status word, computed once per theme instead of once per node. */
export const useResourceNodeStyles = makeStyles<Theme, {}, ClassKey>(theme => {
  const healthWords = ['Healthy', 'Progressing', 'Degraded', 'Missing', 'Suspended', 'Unknown'] as const;
  const health = Object.fromEntries([
    ...healthWords.map(h => [`health${h}`, { fill: healthColour(theme, h) }]),
    ...healthWords.map(h => [`border${h}`, { stroke: healthColour(theme, h) }]),
  ]);
  const sync = Object.fromEntries(
    (['Synced', 'OutOfSync', 'Unknown'] as const).map(s => [`sync${s}`, { fill: syncColour(theme, s) }]),
  );
  return {
    node: {
      cursor: 'pointer',
      outline: 'none',
      '&:focus-visible rect, &:hover rect': { strokeWidth: 3 },
    },
    box: { fill: theme.palette.background.paper, strokeWidth: 1.5 },
    kind: { fill: theme.palette.text.secondary, fontSize: 11 },
    name: { fill: theme.palette.text.primary, fontSize: 13, fontWeight: 500 },
    badge: { fontSize: 11 },
    reason: { fill: theme.palette.text.secondary, fontSize: 11, fontStyle: 'italic' },
    edge: { fill: 'none', stroke: theme.palette.text.disabled, strokeWidth: 1.3 },
    ...health,
    ...sync,
  } as Record<ClassKey, CSSProperties>;
});

export type ResourceNodeClasses = ReturnType<typeof useResourceNodeStyles>;

interface ResourceNodeProps {
  node: ResourceGraphNode;
  classes: ResourceNodeClasses;
  onSelect: (node: ResourceGraphNode) => void;
}

/**
 * One resource in the graph: kind, name, health and sync badges. Plain SVG
 * (no MUI components, a native <title> as tooltip) because hundreds render
 * at once; memoised on what it shows, since the graph re-renders every node
 * when the layout moves them.
 */
function ResourceNodeView({ node, classes, onSelect }: ResourceNodeProps) {
  const health = node.health ?? 'Unknown';
  // Resources without a health check (ConfigMaps, Secrets...) show none, as in Argo CD.
  const details = [node.health ? `health ${node.health}` : undefined, node.sync].filter(Boolean);
  const label = `${node.kind} ${node.name}${details.length ? `: ${details.join(', ')}` : ''}`;
  // Why a resource is not healthy is what a newcomer looks for: shown in the node, whole in the tooltip.
  const reason = health !== 'Healthy' && node.healthMessage ? fitText(node.healthMessage, TEXT_WIDTH, 11) : undefined;
  // The application node has no manifest to open.
  const interactive = Boolean(node.resource);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(node);
    }
  };
  return (
    <g
      className={interactive ? classes.node : undefined}
      role={interactive ? 'button' : 'img'}
      tabIndex={interactive ? 0 : undefined}
      aria-label={label}
      data-testid={`resource-node-${node.id}`}
      onClick={interactive ? () => onSelect(node) : undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
    >
      <title>
        {`${node.kind} ${node.namespace ? `${node.namespace}/` : ''}${node.name}`}
        {node.healthMessage ? `\n${node.healthMessage}` : ''}
      </title>
      <rect
        className={`${classes.box} ${classes[`border${health}`]}`}
        // an orphan is drawn dashed: in the namespace, not part of the application
        strokeDasharray={node.orphaned ? '6 4' : undefined}
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={6}
      />
      <text className={classes.kind} x={TEXT_X} y={16}>
        {fitText(`${node.kind}${node.requiresPruning ? ' · to prune' : ''}${node.orphaned ? ' · orphaned' : ''}`, TEXT_WIDTH, 11)}
      </text>
      <text className={classes.name} x={TEXT_X} y={33}>
        {fitText(node.name, TEXT_WIDTH, 13, true)}
      </text>
      {node.health && (
        <>
          <circle className={classes[`health${health}`]} cx={14} cy={46} r={4} />
          <text className={classes.badge} x={22} y={50}>
            {health}
          </text>
        </>
      )}
      {node.sync && (
        <>
          <circle className={classes[`sync${node.sync}`]} cx={112} cy={46} r={4} />
          <text className={classes.badge} x={120} y={50}>
            {node.sync}
          </text>
        </>
      )}
      {reason && (
        <text className={classes.reason} x={TEXT_X} y={66} data-testid="health-reason">
          {reason}
        </text>
      )}
    </g>
  );
}

export const ResourceNode = memo(
  ResourceNodeView,
  (before, after) =>
    before.classes === after.classes &&
    before.onSelect === after.onSelect &&
    before.node.id === after.node.id &&
    before.node.health === after.node.health &&
    before.node.healthMessage === after.node.healthMessage &&
    before.node.sync === after.node.sync &&
    before.node.requiresPruning === after.node.requiresPruning &&
    before.node.orphaned === after.node.orphaned,
);
