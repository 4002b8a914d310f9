import type { KindRef } from './ClusterCache';
import type { ApiResourceInfo } from './ClusterClient';

/** Kinds controllers create under managed objects, watched whole so resource trees can be built. */
export const DEFAULT_TREE_KINDS: KindRef[] = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'batch/v1', kind: 'Job' },
];

/** Kinds never watched: events come in floods, the others are not stored objects. */
const IGNORED_KINDS = new Set([
  '/Event',
  'events.k8s.io/Event',
  '/Binding',
  '/ComponentStatus',
]);

export const kindId = (k: KindRef) => `${k.apiVersion}/${k.kind}`;

/**
 * The discovered kinds watched by the tracking label: the preferred version
 * of every kind that can be listed and watched, except the tree kinds
 * (watched whole) and the ignored ones.
 */
export function managedKinds(
  resources: ApiResourceInfo[],
  treeKinds: KindRef[],
): KindRef[] {
  const treeIds = new Set(treeKinds.map(kindId));
  return resources.filter(
    r =>
      r.preferred &&
      r.verbs.includes('list') &&
      r.verbs.includes('watch') &&
      !IGNORED_KINDS.has(`${r.group}/${r.kind}`) &&
      !treeIds.has(kindId(r)),
  );
}
