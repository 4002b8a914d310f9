import type { KubeObject } from '@slipway/plugin-slipway-common';
import { createMergePatch } from '../actions/createMergePatch';
import {
  applyIgnoreDifferences,
  ignoreRulesFor,
  normalizeTrustedManagers,
} from '../diff/ignoreDifferences';
import type { JqEngine } from '../diff/jqPaths';
import { cloneJson, isObject, JsonObject } from '../diff/objects';
import type { IgnoreDifferencesRule } from './types';

/** Puts the live values of the removed fields (`livePatch`) where Git's were removed (`targetPatch`). */
function restoreFromLive(
  out: JsonObject,
  targetPatch: JsonObject,
  livePatch: JsonObject,
): void {
  for (const [key, removed] of Object.entries(targetPatch)) {
    // the field is not in the cluster: it stays out of what is applied
    if (!(key in livePatch)) continue;
    const liveValue = livePatch[key];
    const current = out[key];
    if (isObject(removed) && isObject(liveValue) && isObject(current)) {
      restoreFromLive(current, removed, liveValue);
    } else {
      out[key] = cloneJson(liveValue);
    }
  }
}

/**
 * `RespectIgnoreDifferences=true`: the object to apply, with every field the
 * comparison ignores taken from the live object (left out where live has
 * none), so that a sync does not overwrite what the comparison ignores. As
 * Argo CD's normalizeTargetResources: both sides are normalised with the
 * matching rules (JSON pointers, jq path expressions, trusted managers),
 * and what normalising removed from Git's object is put back from live.
 * A jq rule without `jq` throws, naming the rule.
 * @public
 */
export function respectIgnoredFields(
  desired: KubeObject,
  live: KubeObject,
  rules: readonly IgnoreDifferencesRule[],
  jq?: JqEngine,
): KubeObject {
  const matched = ignoreRulesFor(desired, rules);
  if (matched.length === 0) return desired;
  let normalDesired = desired;
  let normalLive = live;
  const managers = matched.flatMap(r => r.managedFieldsManagers ?? []);
  if (managers.length > 0) {
    ({ live: normalLive, desired: normalDesired } = normalizeTrustedManagers(
      live,
      desired,
      managers,
    ));
  }
  normalDesired = applyIgnoreDifferences(normalDesired, matched, jq, {
    keepEmptyObjects: true,
  });
  normalLive = applyIgnoreDifferences(normalLive, matched, jq, {
    keepEmptyObjects: true,
  });
  const targetPatch = createMergePatch(
    normalDesired as unknown as JsonObject,
    desired as unknown as JsonObject,
  );
  if (Object.keys(targetPatch).length === 0) return desired;
  const livePatch = createMergePatch(
    normalLive as unknown as JsonObject,
    live as unknown as JsonObject,
  );
  const out = cloneJson(normalDesired) as unknown as JsonObject;
  restoreFromLive(out, targetPatch, livePatch);
  return out as unknown as KubeObject;
}
