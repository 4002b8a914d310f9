import { KubeObject, resourceKeyOf } from '@slipway/plugin-slipway-common';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { resourceOption } from './pruneOptions';
import { isManagedBy } from './tracking';
import { compareText, kindRank } from './taskOrder';
import { syncWaveOf } from './hooks';

/** What a cascade delete of an application removes and what it keeps. @public */
export interface DeletionPlan {
  /**
   * In deletion order, as Argo CD deletes: the highest sync wave first, and
   * within a wave workloads first, namespaces last. `wave` groups them: a
   * wave is gone before the next is deleted.
   */
  delete: Array<{ key: ResourceKey; apiVersion: string; live: KubeObject; wave: number }>;
  retain: Array<{ key: ResourceKey; reason: string }>;
}

/** Why Argo CD never deletes an object with its application, or undefined. */
function alwaysKept(obj: KubeObject): string | undefined {
  if (obj.kind === 'CustomResourceDefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/')) {
    return 'kept: a CustomResourceDefinition is not deleted with its application (that would delete every resource of its kind); delete it by hand';
  }
  if (obj.metadata?.annotations?.['helm.sh/resource-policy'] === 'keep') {
    return 'kept (helm.sh/resource-policy: keep)';
  }
  return undefined;
}

/**
 * Plans the cascade delete of an application: every live object it manages,
 * except those whose `Delete` sync option (the resource's annotation, else
 * the Application's `syncOptions`) is `false`, those marked
 * `Delete=confirm` unless the deletion is confirmed, and, as in Argo CD,
 * CustomResourceDefinitions and objects marked
 * `helm.sh/resource-policy: keep`. Pure.
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
    const kept = alwaysKept(obj);
    if (kept) {
      plan.retain.push({ key, reason: kept });
    } else if (option === 'false') {
      plan.retain.push({ key, reason: 'kept (Delete=false)' });
    } else if (option === 'confirm' && !options.confirmed) {
      plan.retain.push({
        key,
        reason:
          'kept (Delete=confirm: delete again with the deletion confirmed)',
      });
    } else {
      const wave = syncWaveOf(obj);
      plan.delete.push({
        key,
        apiVersion: obj.apiVersion,
        live: obj,
        // a wave that cannot be read is 0 here: deleting must not stop at it
        wave: 'wave' in wave ? wave.wave : 0,
      });
    }
  }
  plan.delete.sort(
    (a, b) =>
      b.wave - a.wave ||
      kindRank(b.key.kind) - kindRank(a.key.kind) ||
      compareText(a.key.name, b.key.name),
  );
  return plan;
}
