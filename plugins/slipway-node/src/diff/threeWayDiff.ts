/**
 * Client-side diff after gitops-engine's ThreeWayDiff / TwoWayDiff: the live
 * object predicted after `kubectl apply` of the desired object.
 *
 * Fields present only in live (server defaults, fields set by controllers)
 * are kept, so they are no difference. A field that was applied before
 * (it is in the `last-applied-configuration`) and is gone from the desired
 * object is removed. A two-way diff uses the desired object as the last
 * applied one, so it only adds or changes fields.
 */
import { cloneJson, isObject, JsonObject } from './objects';
import { elementKey, listStrategy } from './mergeKeys';

function mergeObjects(orig: unknown, config: JsonObject, live: JsonObject, path: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, liveValue] of Object.entries(live)) {
    if (key in config) {
      out[key] = mergeValue(isObject(orig) ? orig[key] : undefined, config[key], liveValue, [...path, key]);
    } else if (!(isObject(orig) && key in orig)) {
      out[key] = cloneJson(liveValue);
    }
    // else: applied before and removed from the desired state: deleted.
  }
  for (const [key, configValue] of Object.entries(config)) {
    if (!(key in live)) out[key] = cloneJson(configValue);
  }
  return out;
}

/** Key fields identify the element; a defaulted key (protocol) is never removed. */
function withoutKeys(item: unknown, keys: string[]): unknown {
  if (!isObject(item)) return item;
  const out = { ...item };
  for (const k of keys) delete out[k];
  return out;
}

function mergeKeyedList(orig: unknown, config: unknown[], live: unknown[], keys: string[], path: string[]): unknown[] {
  const configByKey = new Map(config.map(item => [elementKey(item, keys), item]));
  const origByKey = new Map(Array.isArray(orig) ? orig.map(item => [elementKey(item, keys), item]) : []);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const liveItem of live) {
    const key = elementKey(liveItem, keys);
    const configItem = configByKey.get(key);
    if (configItem !== undefined) {
      seen.add(key);
      out.push(mergeValue(withoutKeys(origByKey.get(key), keys), configItem, liveItem, path));
    } else if (!origByKey.has(key)) {
      out.push(cloneJson(liveItem));
    }
  }
  for (const configItem of config) {
    if (!seen.has(elementKey(configItem, keys))) out.push(cloneJson(configItem));
  }
  return out;
}

function mergeSet(orig: unknown, config: unknown[], live: unknown[]): unknown[] {
  const removed = new Set(
    (Array.isArray(orig) ? orig : []).map(v => JSON.stringify(v)).filter(v => !config.some(c => JSON.stringify(c) === v)),
  );
  const out = live.filter(v => !removed.has(JSON.stringify(v)));
  for (const item of config) {
    if (!out.some(v => JSON.stringify(v) === JSON.stringify(item))) out.push(item);
  }
  return out;
}

function mergeList(orig: unknown, config: unknown[], live: unknown[], path: string[]): unknown[] {
  const strategy = listStrategy(path, [...config, ...live]);
  if (strategy === 'set') return mergeSet(orig, config, live);
  if (strategy) return mergeKeyedList(orig, config, live, strategy.keys, path);
  // Atomic list: replaced by the desired one. Elements at the same position
  // keep the fields the server defaulted in them.
  if (config.length !== live.length) return cloneJson(config);
  return config.map((item, i) =>
    isObject(item) && isObject(live[i])
      ? mergeValue(Array.isArray(orig) ? orig[i] : undefined, item, live[i], path)
      : cloneJson(item),
  );
}

/** The live value after applying `config` over `live`, given the last applied `orig`. */
export function mergeValue(orig: unknown, config: unknown, live: unknown, path: string[] = []): unknown {
  if (isObject(config) && isObject(live)) return mergeObjects(orig, config, live, path);
  if (Array.isArray(config) && Array.isArray(live)) return mergeList(orig, config, live, path);
  return cloneJson(config);
}

/**
 * The predicted live object of a three-way diff (`lastApplied` given) or a
 * two-way diff (`lastApplied` undefined: the desired object stands for it).
 * All inputs must already be normalised.
 */
export function predictLiveClientSide(desired: JsonObject, live: JsonObject, lastApplied?: JsonObject): JsonObject {
  const orig = cloneJson(lastApplied ?? desired);
  const config = cloneJson(desired);
  // The namespace of a namespaced live object is often absent from manifests.
  // An empty annotations map in a manifest means no annotations.
  for (const obj of [orig, config]) {
    if (!isObject(obj.metadata)) continue;
    delete obj.metadata.namespace;
    const annotations = obj.metadata.annotations;
    if (annotations === undefined || (isObject(annotations) && Object.keys(annotations).length === 0)) {
      delete obj.metadata.annotations;
    }
  }
  return mergeValue(orig, config, live) as JsonObject;
}
