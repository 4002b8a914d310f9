import type { KubeObject } from '@slipway/plugin-slipway-common';
import { optionValue, resourceSyncOptions } from './syncOptions';

/**
 * The `Prune` or `Delete` sync option of a resource, as Argo CD reads it:
 * the resource's `argocd.argoproj.io/sync-options` annotation overrides the
 * Application's `syncOptions`; the value lower-cased (`false`, `confirm`,
 * `true`), undefined when neither sets it.
 * @public
 */
export function resourceOption(
  obj: KubeObject | undefined,
  key: 'Prune' | 'Delete',
  applicationOptions: readonly string[] = [],
): string | undefined {
  const value =
    optionValue(resourceSyncOptions(obj), key) ??
    optionValue(applicationOptions, key);
  return value?.toLowerCase();
}

/**
 * Why a resource that requires pruning is not pruned by a sync, if it is
 * not: the sync does not prune, `Prune=false`, or `Prune=confirm` without
 * the pruning confirmed (Argo CD waits for a confirmation; Slipway prunes
 * such resources only in a sync asked for with pruning confirmed).
 * @public
 */
export function pruneSkipReason(
  obj: KubeObject,
  settings: {
    prune: boolean;
    confirmPrune?: boolean;
    syncOptions?: readonly string[];
  },
): string | undefined {
  if (!settings.prune) return 'ignored (requires pruning)';
  const option = resourceOption(obj, 'Prune', settings.syncOptions);
  if (option === 'false') return 'ignored (no prune)';
  if (option === 'confirm' && !settings.confirmPrune) {
    return 'ignored (Prune=confirm: pruning waits for confirmation; sync again with pruning confirmed)';
  }
  return undefined;
}
