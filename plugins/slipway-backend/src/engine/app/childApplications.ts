import {
  groupOf,
  KubeObject,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';
import type { ResourceStatus } from './types';

/** Argo CD's kinds an app of apps renders for Argo CD to pick up. */
const CHILD_KINDS = new Set(['Application', 'ApplicationSet']);

/**
 * An Argo CD Application or ApplicationSet among an Application's manifests:
 * Slipway does not apply it to the destination cluster; the catalog module
 * publishes it as a catalog entity once the parent has synced (an app of apps).
 */
export function isChildApplication(obj: KubeObject): boolean {
  return (
    groupOf(obj.apiVersion ?? '') === 'argoproj.io' && CHILD_KINDS.has(obj.kind)
  );
}

/** The rendered manifests split into child Applications and the objects for the cluster. */
export function splitChildren(manifests: KubeObject[]): {
  children: KubeObject[];
  objects: KubeObject[];
} {
  const children: KubeObject[] = [];
  const objects: KubeObject[] = [];
  for (const obj of manifests)
    (isChildApplication(obj) ? children : objects).push(obj);
  return { children, objects };
}

const idOf = (obj: KubeObject) => `${obj.kind}/${obj.metadata?.name ?? ''}`;

function statusOf(
  obj: KubeObject,
  status: SyncStatusCode,
  requiresPruning: boolean,
): ResourceStatus {
  return {
    key: {
      group: 'argoproj.io',
      kind: obj.kind,
      namespace: '',
      name: obj.metadata?.name ?? '',
    },
    apiVersion: obj.apiVersion,
    status,
    requiresPruning,
  };
}

/**
 * The children's statuses against those published at the last sync: Synced
 * when published as rendered, OutOfSync when new or changed, and requiring
 * pruning when published but no longer rendered (as an extraneous object).
 */
export function compareChildren(
  rendered: KubeObject[],
  published: KubeObject[],
): ResourceStatus[] {
  const before = new Map(published.map(obj => [idOf(obj), obj]));
  const now = new Set(rendered.map(idOf));
  return [
    ...rendered.map(obj => {
      const was = before.get(idOf(obj));
      return statusOf(
        obj,
        was && JSON.stringify(was) === JSON.stringify(obj)
          ? 'Synced'
          : 'OutOfSync',
        false,
      );
    }),
    ...published
      .filter(obj => !now.has(idOf(obj)))
      .map(obj => statusOf(obj, 'OutOfSync', true)),
  ];
}

/** What a successful sync publishes: the rendered children, plus, without prune, those no longer rendered. */
export function childrenToPublish(
  rendered: KubeObject[],
  published: KubeObject[],
  prune: boolean,
): KubeObject[] {
  if (prune) return rendered;
  const now = new Set(rendered.map(idOf));
  return [...rendered, ...published.filter(obj => !now.has(idOf(obj)))];
}
