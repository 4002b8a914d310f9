/**
 * An edge of the resource graph as one cubic curve from its first to its
 * last point. The graph's default edge measures a label and keeps styles per
 * edge; ours have no labels, and hundreds render at once.
 */
export function ResourceEdge({ points, className }: { points: Array<{ x: number; y: number }>; className: string }) {
  const finite = points.filter(p => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (finite.length < 2) return null;
  const from = finite[0];
  const to = finite[finite.length - 1];
  const middle = (from.x + to.x) / 2;
  return (
    <path
      className={className}
      data-testid="resource-edge"
      d={`M${from.x},${from.y} C${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`}
    />
  );
}
