import { KubeObject, resourceKeyOf } from '@slipway/plugin-slipway-common';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { hasResourceOption } from './syncOptions';
import { isManagedBy } from './tracking';
import { compareText, kindRank } from './taskOrder';

/** What a cascade delete of an application removes and what it keeps. @public */
export interface DeletionPlan {
  /** In deletion order: workloads first, namespaces last. */
  delete: Array<{ key: ResourceKey; apiVersion: string; live: KubeObject }>;
  retain: Array<{ key: ResourceKey; reason: string }>;
}

/**
 * Plans the cascade delete of an application: every live object it manages,
 * except those annotated `argocd.argoproj.io/sync-options: Delete=false`.
 * Pure.
 * @public
 */
export function planDeletion(
  appName: string,
  live: readonly KubeObject[],
): DeletionPlan {
  const plan: DeletionPlan = { delete: [], retain: [] };
  for (const obj of live) {
    if (!isManagedBy(obj, appName)) continue;
    const key = resourceKeyOf(obj);
    if (hasResourceOption(obj, 'Delete', 'false')) {
      plan.retain.push({ key, reason: 'kept (Delete=false)' });
    } else {
      plan.delete.push({ key, apiVersion: obj.apiVersion, live: obj });
    }
  }
  plan.delete.sort(
    (a, b) =>
      kindRank(b.key.kind) - kindRank(a.key.kind) ||
      compareText(a.key.name, b.key.name),
  );
  return plan;
}
