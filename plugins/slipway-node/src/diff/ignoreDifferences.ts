/**
 * `ignoreDifferences` after Argo CD's diffing customization: fields named by
 * JSON pointers or jq path expressions are removed from both sides before
 * comparing, and fields owned by trusted managers (`managedFieldsManagers`)
 * are left to those managers.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { groupOf } from '@slipway/plugin-slipway-common';
import type { ResourceIgnoreDifferences } from './types';
import { deleteJqPath, JqEngine, JqExpressionError } from './jqPaths';
import { cloneJson, isObject, jsonEqual, JsonObject } from './objects';
import { fieldsOwnedBy, FieldSet } from './managedFields';
import { elementKey } from './mergeKeys';
import { expandBraces, wildcardMatcher } from '../wildcard/wildcardMatcher';

const globMatchers = new Map<string, (value: string) => boolean>();

/**
 * Argo CD's glob (gobwas/glob) over a group or kind: `*`, `?`, `[...]`
 * classes (`!` negating) and `{a,b}` alternatives. A pattern that cannot be
 * read matches nothing.
 */
function globMatch(pattern: string, value: string): boolean {
  if (!/[*?[{\\]/.test(pattern)) return pattern === value;
  let matcher = globMatchers.get(pattern);
  if (!matcher) {
    try {
      const alternatives = expandBraces(pattern).map(wildcardMatcher);
      matcher = v => alternatives.some(match => match(v));
    } catch {
      matcher = () => false;
    }
    if (globMatchers.size < 1000) globMatchers.set(pattern, matcher);
  }
  return matcher(value);
}

/** The rules that apply to an object (group/kind globs, optional name and namespace). @public */
export function ignoreRulesFor(obj: KubeObject, rules: readonly ResourceIgnoreDifferences[]): ResourceIgnoreDifferences[] {
  const group = groupOf(String(obj.apiVersion ?? ''));
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace ?? '';
  return rules.filter(
    r =>
      globMatch(r.group ?? '', group) &&
      globMatch(r.kind, String(obj.kind)) &&
      (!r.name || r.name === name) &&
      (!r.namespace || r.namespace === namespace),
  );
}

/** Splits an RFC 6901 JSON pointer into tokens. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`JSON pointer '${pointer}' must start with '/' (for example /spec/replicas)`);
  }
  return pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Removes the value at a JSON pointer; a missing path changes nothing. */
export function removeJsonPointer(doc: unknown, pointer: string): void {
  const tokens = parseJsonPointer(pointer);
  if (tokens.length === 0) return;
  let cur: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(token) ? cur[Number(token)] : undefined;
    else if (isObject(cur)) cur = cur[token];
    else return;
  }
  const last = tokens[tokens.length - 1];
  if (Array.isArray(cur) && /^\d+$/.test(last) && Number(last) < cur.length) cur.splice(Number(last), 1);
  else if (isObject(cur)) delete cur[last];
}

/** Removes empty objects and arrays left behind by removed fields (as Argo CD does). */
function removeEmptyObjects(obj: JsonObject): void {
  for (const [key, value] of Object.entries(obj)) {
    if (isObject(value)) {
      removeEmptyObjects(value);
      if (Object.keys(value).length === 0) delete obj[key];
    } else if (Array.isArray(value)) {
      const cleaned = value.filter(item => {
        if (!isObject(item)) return true;
        removeEmptyObjects(item);
        return Object.keys(item).length > 0;
      });
      if (cleaned.length === 0) delete obj[key];
      else obj[key] = cleaned;
    }
  }
}

function describe(obj: KubeObject): string {
  const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${ns}${obj.metadata?.name ?? ''}`;
}

/**
 * A copy of `obj` without the fields that the matching rules' `jsonPointers`
 * and `jqPathExpressions` select (and the objects and lists that leaves
 * empty, unless `keepEmptyObjects`). A jq expression that does not compile, or
 * one given without a jq engine, throws; one that fails at run time is
 * skipped for this object, like Argo CD does.
 * @public
 */
export function applyIgnoreDifferences(
  obj: KubeObject,
  rules: readonly ResourceIgnoreDifferences[],
  jq?: JqEngine,
  options: { keepEmptyObjects?: boolean } = {},
): KubeObject {
  const matched = ignoreRulesFor(obj, rules);
  if (matched.length === 0) return obj;
  let doc: unknown = cloneJson(obj);
  for (const rule of matched) {
    for (const pointer of rule.jsonPointers ?? []) removeJsonPointer(doc, pointer);
    for (const expression of rule.jqPathExpressions ?? []) {
      if (!jq) {
        throw new Error(
          `ignoreDifferences of ${describe(obj)} uses jqPathExpressions but no jq engine was given; load one with loadJqEngine()`,
        );
      }
      try {
        doc = deleteJqPath(jq, doc, expression);
      } catch (error) {
        if (error instanceof JqExpressionError) throw error;
        // A run-time failure (for example a path through a missing list) ignores nothing.
      }
    }
  }
  if (!isObject(doc)) return obj;
  if (options.keepEmptyObjects) return doc as KubeObject;
  // Managed fields are data about the object, not fields of it: their `{}`
  // leaves mark owned fields and must survive for structured-merge diffs.
  const metadata = isObject(doc.metadata) ? doc.metadata : undefined;
  const managedFields = metadata?.managedFields;
  if (metadata) delete metadata.managedFields;
  removeEmptyObjects(doc);
  if (managedFields !== undefined) {
    const kept = isObject(doc.metadata) ? doc.metadata : (doc.metadata = {});
    kept.managedFields = managedFields;
  }
  return doc as KubeObject;
}

function removeDifferingOwned(live: JsonObject, desired: JsonObject, set: FieldSet): void {
  for (const [key, child] of Object.entries(set)) {
    if (!key.startsWith('f:') || !isObject(child)) continue;
    const field = key.slice(2);
    if (!(field in live) || !(field in desired)) continue;
    const liveValue = live[field];
    const desiredValue = desired[field];
    const hasFieldChildren = Object.keys(child).some(k => k.startsWith('f:'));
    const hasItemKeys = Object.keys(child).some(k => k.startsWith('k:'));
    if (hasFieldChildren && isObject(liveValue) && isObject(desiredValue)) {
      removeDifferingOwned(liveValue, desiredValue, child);
    } else if (hasItemKeys && Array.isArray(liveValue) && Array.isArray(desiredValue)) {
      removeDifferingOwnedItems(liveValue, desiredValue, child as FieldSet);
    } else if (!jsonEqual(liveValue, desiredValue)) {
      delete live[field];
      delete desired[field];
    }
  }
}

/** The item of a keyed list that a managed-fields key (`k:{"name":"a"}`) names. */
function itemIndex(items: unknown[], keyFields: JsonObject): number {
  const keys = Object.keys(keyFields);
  const wanted = elementKey(keyFields, keys);
  return items.findIndex(item => isObject(item) && elementKey(item, keys) === wanted);
}

/**
 * A keyed list (containers, env, webhooks, ...) is followed item by item, as
 * Argo CD does with the types' list keys: an owned item present on both
 * sides is followed field by field, or, owned whole, removed from both when
 * it differs.
 */
function removeDifferingOwnedItems(live: unknown[], desired: unknown[], set: FieldSet): void {
  for (const [key, child] of Object.entries(set)) {
    if (!key.startsWith('k:') || !isObject(child)) continue;
    let keyFields: unknown;
    try {
      keyFields = JSON.parse(key.slice(2));
    } catch {
      continue;
    }
    if (!isObject(keyFields)) continue;
    const li = itemIndex(live, keyFields);
    const di = itemIndex(desired, keyFields);
    if (li < 0 || di < 0) continue;
    const liveItem = live[li];
    const desiredItem = desired[di];
    if (Object.keys(child).some(k => k.startsWith('f:')) && isObject(liveItem) && isObject(desiredItem)) {
      removeDifferingOwned(liveItem, desiredItem, child as FieldSet);
    } else if (!jsonEqual(liveItem, desiredItem)) {
      live.splice(li, 1);
      desired.splice(di, 1);
    }
  }
}

/**
 * `managedFieldsManagers`: where the desired value of a field differs from
 * the live one and a trusted manager owns the field, the field is removed
 * from both sides, so that manager's value wins. Like Argo CD, this follows
 * object fields and the items of keyed lists (containers by name, webhooks
 * by name, ...); other lists are compared as a whole.
 * @public
 */
export function normalizeTrustedManagers(
  live: KubeObject,
  desired: KubeObject,
  managers: readonly string[],
): { live: KubeObject; desired: KubeObject } {
  if (managers.length === 0) return { live, desired };
  const owned = fieldsOwnedBy(live, m => managers.includes(m));
  const liveCopy = cloneJson(live);
  const desiredCopy = cloneJson(desired);
  removeDifferingOwned(liveCopy, desiredCopy, owned);
  return { live: liveCopy, desired: desiredCopy };
}
