import { useMemo, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { formatResourceKey, SlipwayResourceNode } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { LiveData, useLiveData } from '../../hooks/useLiveData';

/** The tree is larger than a status row; poll it less often, signals bring changes sooner. */
export const TREE_POLL_MS = 15_000;

/** What a node shows; two trees with equal fingerprints draw the same graph. */
function fingerprint(nodes: readonly SlipwayResourceNode[]): string {
  return nodes
    .map(
      n =>
        `${formatResourceKey(n)}|${n.health?.status}|${n.health?.message}|${n.syncStatus}|${n.requiresPruning}|${n.parents
          .map(formatResourceKey)
          .join(',')}`,
    )
    .join('\n');
}

/**
 * An application's resource tree, live (signals about the application,
 * polling as a fallback). A reload that brings the same tree returns the
 * same array, so the graph is not laid out again for nothing.
 */
export function useResourceTree(entityRef: string): LiveData<SlipwayResourceNode[]> {
  const api = useApi(slipwayApiRef);
  const live = useLiveData(async () => (await api.getResourceTree(entityRef)).nodes, [api, entityRef], {
    // Progress messages of a running sync come per resource; the status change at its end reloads.
    isRelevant: message => message.entityRef === entityRef && !message.progress,
    pollInterval: () => TREE_POLL_MS,
  });
  const last = useRef<{ key: string; nodes: SlipwayResourceNode[] }>();
  const nodes = useMemo(() => {
    if (!live.value) return undefined;
    const key = fingerprint(live.value);
    if (last.current?.key !== key) last.current = { key, nodes: live.value };
    return last.current.nodes;
  }, [live.value]);
  return { ...live, value: nodes };
}
