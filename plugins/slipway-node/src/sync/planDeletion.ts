import { KubeObject, resourceKeyOf } from '@slipway/plugin-slipway-common';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { resourceOption } from './pruneOptions';
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
 * except those whose `Delete` sync option (the resource's annotation, else
 * the Application's `syncOptions`) is `false`, and those marked
 * `Delete=confirm` unless the deletion is confirmed. Pure.
 * @public
 */
export function planDeletion(
  appName: string,
  live: readonly KubeObject[],
  options: { syncOptions?: readonly string[]; confirmed?: boolean } = {},
): DeletionPlan {
  const plan: DeletionPlan = { delete: [], retain: [] };
  for (const obj of live) {
    if (!isManagedBy(obj, appName)) continue;
    const key = resourceKeyOf(obj);
    const option = resourceOption(obj, 'Delete', options.syncOptions);
    if (option === 'false') {
      plan.retain.push({ key, reason: 'kept (Delete=false)' });
    } else if (option === 'confirm' && !options.confirmed) {
      plan.retain.push({
        key,
        reason:
          'kept (Delete=confirm: delete again with the deletion confirmed)',
      });
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
