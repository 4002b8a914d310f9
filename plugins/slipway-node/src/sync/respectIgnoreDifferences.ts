import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  applyIgnoreDifferences,
  ignoreRulesFor,
  normalizeTrustedManagers,
} from '../diff/ignoreDifferences';
import type { JqEngine } from '../diff/jqPaths';
import { elementKey, listStrategy } from '../diff/mergeKeys';
import { cloneJson, isObject, jsonEqual, JsonObject } from '../diff/objects';
import type { IgnoreDifferencesRule } from './types';

type Json = unknown;

/** The item of `items` with the same merge key as `item`, if any. */
function sameKeyed(
  items: Json[],
  keys: string[],
  item: Json,
): Json | undefined {
  const id = elementKey(item, keys);
  return items.find(other => elementKey(other, keys) === id);
}

/**
 * Git's value at one place (`desired`, and `normal` after normalising),
 * with what normalising removed put back from live (`live` at the same
 * place; undefined where live has nothing). Objects are followed field by
 * field and keyed lists (containers by name, ports, env, ...) item by item,
 * as Argo CD's strategic merge of the normalised fields does; another list
 * that lost items is taken from live whole.
 */
function restore(
  path: string[],
  desired: Json,
  normal: Json,
  live: Json,
): Json {
  if (isObject(desired) && isObject(normal)) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(desired)) {
      const liveValue = isObject(live) ? live[key] : undefined;
      if (!(key in normal)) {
        // removed by normalising: live's value, or nothing where live has none
        if (liveValue !== undefined) out[key] = cloneJson(liveValue);
        continue;
      }
      out[key] = restore([...path, key], value, normal[key], liveValue);
    }
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(normal)) {
    const liveItems = Array.isArray(live) ? live : [];
    const strategy = listStrategy(path, [...desired, ...liveItems]);
    if (strategy && strategy !== 'set') {
      const out: Json[] = [];
      for (const item of desired) {
        const normalItem = sameKeyed(normal, strategy.keys, item);
        const liveItem = sameKeyed(liveItems, strategy.keys, item);
        if (normalItem === undefined) {
          // the whole item is ignored: live's, if live has it
          if (liveItem !== undefined) out.push(cloneJson(liveItem));
        } else {
          out.push(restore(path, item, normalItem, liveItem));
        }
      }
      return out;
    }
    if (normal.length !== desired.length) {
      return live === undefined ? normal : cloneJson(live);
    }
    return desired.map((item, i) =>
      restore(path, item, normal[i], liveItems[i]),
    );
  }
  return desired;
}

/**
 * `RespectIgnoreDifferences=true`: the object to apply, with every field the
 * comparison ignores taken from the live object (left out where live has
 * none), so that a sync does not overwrite what the comparison ignores. As
 * Argo CD's normalizeTargetResources: Git's object is normalised with the
 * matching rules (JSON pointers, jq path expressions, trusted managers), and
 * what normalising removed is put back from live, keyed list items matched
 * by key. A jq rule without `jq` throws, naming the rule.
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
  let normal = desired;
  const managers = matched.flatMap(r => r.managedFieldsManagers ?? []);
  if (managers.length > 0) {
    normal = normalizeTrustedManagers(live, desired, managers).desired;
  }
  normal = applyIgnoreDifferences(normal, matched, jq, {
    keepEmptyObjects: true,
  });
  if (jsonEqual(normal, desired)) return desired;
  return restore([], desired, normal, live) as KubeObject;
}
