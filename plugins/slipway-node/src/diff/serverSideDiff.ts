/**
 * Server-side-apply based predictions, after gitops-engine's ServerSideDiff
 * and StructuredMergeDiff.
 *
 * - Server-side mode: the predicted live object is the result of a
 *   server-side-apply dry run (done by the caller, I/O). Changes made by
 *   mutating webhooks are removed unless asked otherwise: fields of the dry
 *   run result that the manager does not own take their live value.
 * - Structured-merge mode: server-side apply computed locally: the desired
 *   object is merged over live, and fields the manager applied before but no
 *   longer sets (and no other manager owns) are removed.
 */
import { cloneJson, isObject, JsonObject } from './objects';
import { elementKey, listStrategy } from './mergeKeys';
import { elementChild, fieldChild, fieldsOwnedBy, FieldSet, listKeysOf, ownedSubset, ownsWholeValue } from './managedFields';
import { mergeValue } from './threeWayDiff';

function keysFor(path: string[], items: unknown[], set?: FieldSet): string[] | undefined {
  const fromSet = listKeysOf(set);
  if (fromSet) return fromSet;
  const strategy = listStrategy(path, items);
  return strategy && strategy !== 'set' ? strategy.keys : undefined;
}

function findLiveItem(live: unknown, item: unknown, index: number, keys?: string[]): unknown {
  if (!Array.isArray(live)) return undefined;
  if (!keys) return live[index];
  const wanted = elementKey(item, keys);
  return live.find(l => elementKey(l, keys) === wanted);
}

/** The fields present on both sides, with the live values. */
function intersect(pred: unknown, live: unknown, path: string[]): unknown {
  if (isObject(pred) && isObject(live)) {
    const out: JsonObject = {};
    for (const key of Object.keys(pred)) {
      if (key in live) out[key] = intersect(pred[key], live[key], [...path, key]);
    }
    return out;
  }
  if (Array.isArray(pred) && Array.isArray(live)) {
    const keys = keysFor(path, [...pred, ...live]);
    if (!keys && pred.length !== live.length) return cloneJson(live);
    const out: unknown[] = [];
    pred.forEach((item, i) => {
      const liveItem = findLiveItem(live, item, i, keys);
      if (liveItem !== undefined) out.push(intersect(item, liveItem, path));
    });
    return out;
  }
  return cloneJson(live);
}

function keepOwned(pred: unknown, live: unknown, own: FieldSet, path: string[]): unknown {
  if (ownsWholeValue(own, pred, path[path.length - 1])) return cloneJson(pred);
  if (isObject(pred)) {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(pred)) {
      const childOwn = fieldChild(own, key);
      const liveChild = isObject(live) ? live[key] : undefined;
      let kept: unknown;
      if (childOwn) kept = keepOwned(value, liveChild, childOwn, [...path, key]);
      else if (liveChild !== undefined) kept = intersect(value, liveChild, [...path, key]);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  if (Array.isArray(pred)) {
    const keys = keysFor(path, [...pred, ...(Array.isArray(live) ? live : [])], own);
    const out: unknown[] = [];
    pred.forEach((item, i) => {
      const itemOwn = elementChild(own, item, i);
      const liveItem = findLiveItem(live, item, i, keys);
      let kept: unknown;
      if (itemOwn) kept = keepOwned(item, liveItem, itemOwn, path);
      else if (liveItem !== undefined) kept = intersect(item, liveItem, path);
      if (kept === undefined) return;
      if (keys && isObject(item) && isObject(kept)) {
        // Key fields keep the element's identity even when not owned.
        for (const k of keys) if (k in item) kept[k] = item[k];
      }
      out.push(kept);
    });
    return out;
  }
  return cloneJson(pred);
}

/**
 * Removes mutating-webhook changes from a dry-run result: fields the manager
 * owns keep the dry-run value, other fields take the live value, fields
 * absent from the dry run stay absent.
 */
export function removeWebhookMutation(predicted: JsonObject, live: JsonObject, manager: string): JsonObject {
  const own = fieldsOwnedBy(predicted, m => m === manager);
  if (Object.keys(own).length === 0) {
    const name = isObject(predicted.metadata) ? predicted.metadata.name : undefined;
    throw new Error(
      `server-side diff of ${String(predicted.kind)}/${String(name)}: the dry-run result has no managed fields of manager '${manager}'. ` +
        'Run the server-side-apply dry run with this field manager, or set compare option IncludeMutationWebhook=true.',
    );
  }
  return keepOwned(predicted, live, own, []) as JsonObject;
}

/** Server-side apply of `config` over `live` by `manager`, computed locally. */
export function predictLiveStructuredMerge(config: JsonObject, live: JsonObject, manager: string): JsonObject {
  const own = fieldsOwnedBy(live, (m, op) => m === manager && op === 'Apply');
  const others = fieldsOwnedBy(live, m => m !== manager);
  // An empty tree at the root means: nothing owned.
  const previouslyApplied =
    Object.keys(own).length === 0 ? {} : ownedSubset(live, own, Object.keys(others).length ? others : undefined) ?? {};
  return mergeValue(previouslyApplied, config, live) as JsonObject;
}
