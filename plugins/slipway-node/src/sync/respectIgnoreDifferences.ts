import { KubeObject, groupOf } from '@slipway/plugin-slipway-common';
import type { IgnoreDifferencesRule } from './types';

/** The rules of `spec.ignoreDifferences` that apply to an object. @public */
export function matchingIgnoreRules(
  obj: KubeObject,
  rules: readonly IgnoreDifferencesRule[],
): IgnoreDifferencesRule[] {
  const group = groupOf(obj.apiVersion);
  return rules.filter(
    r =>
      (r.group ?? '') === group &&
      r.kind === obj.kind &&
      (!r.name || r.name === obj.metadata?.name) &&
      (!r.namespace || r.namespace === obj.metadata?.namespace),
  );
}

function decodePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(
  root: unknown,
  path: string[],
): { found: boolean; value?: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length)
        return { found: false };
      cur = cur[i];
    } else if (cur && typeof cur === 'object' && seg in (cur as object)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

function setAt(
  root: Record<string, unknown>,
  path: string[],
  value: unknown,
  remove: boolean,
): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (Array.isArray(cur)) {
      cur = cur[Number(seg)];
    } else if (cur && typeof cur === 'object') {
      const rec = cur as Record<string, unknown>;
      if (
        rec[seg] === undefined ||
        rec[seg] === null ||
        typeof rec[seg] !== 'object'
      ) {
        if (remove) return;
        rec[seg] = {};
      }
      cur = rec[seg];
    }
    if (cur === undefined) return;
  }
  const last = path[path.length - 1];
  if (Array.isArray(cur)) {
    const i = Number(last);
    if (!Number.isInteger(i)) return;
    if (remove) {
      if (i < cur.length) cur.splice(i, 1);
    } else {
      cur[i] = value;
    }
  } else if (cur && typeof cur === 'object') {
    const rec = cur as Record<string, unknown>;
    if (remove) delete rec[last];
    else rec[last] = value;
  }
}

/**
 * `RespectIgnoreDifferences=true` for `jsonPointers`: the desired object with
 * every ignored field taken from the live object (removed when live has none),
 * so a sync does not overwrite what the comparison ignores.
 * Returns the rules it could not evaluate (jq expressions, managers).
 * @public
 */
export function applyIgnoredPointers(
  desired: KubeObject,
  live: KubeObject,
  rules: readonly IgnoreDifferencesRule[],
): { object: KubeObject; unsupported: IgnoreDifferencesRule[] } {
  const out = structuredClone(desired) as KubeObject;
  const unsupported: IgnoreDifferencesRule[] = [];
  for (const rule of matchingIgnoreRules(desired, rules)) {
    if (rule.jqPathExpressions?.length || rule.managedFieldsManagers?.length) {
      unsupported.push(rule);
    }
    for (const pointer of rule.jsonPointers ?? []) {
      const path = decodePointer(pointer);
      if (!path || path.length === 0) continue;
      const fromLive = getAt(live, path);
      if (fromLive.found) {
        setAt(out, path, structuredClone(fromLive.value), false);
      } else {
        setAt(out, path, undefined, true);
      }
    }
  }
  return { object: out, unsupported };
}
