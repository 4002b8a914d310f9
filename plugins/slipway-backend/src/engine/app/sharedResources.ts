import {
  formatResourceKey,
  KubeObject,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import {
  appInstanceOf,
  isSyncHook,
  trackedAppOf,
} from '@slipway/plugin-slipway-node';
import type { ApplicationCondition } from './types';

/**
 * Argo CD's SharedResourceWarning: a desired object whose live counterpart
 * another application marks as its own. Syncing would take it over (and that
 * application would take it back), so the comparison says so, one condition
 * per shared object. Pure: `lookup` finds a live object by key.
 */
export function sharedResourceWarnings(
  desired: KubeObject[],
  instance: string,
  lookup: (obj: KubeObject) => KubeObject | undefined,
): ApplicationCondition[] {
  const conditions: ApplicationCondition[] = [];
  const seen = new Set<string>();
  for (const obj of desired) {
    if (isSyncHook(obj)) continue;
    const id = formatResourceKey(resourceKeyOf(obj));
    if (seen.has(id)) continue;
    seen.add(id);
    const live = lookup(obj);
    const owner = live && (trackedAppOf(live) ?? appInstanceOf(live));
    if (owner && owner !== instance) {
      conditions.push({
        type: 'SharedResourceWarning',
        message: `${obj.kind}/${obj.metadata?.name} is part of applications ${owner} and ${instance}; keep it in one of them (a sync would take it over)`,
      });
    }
  }
  return conditions;
}
