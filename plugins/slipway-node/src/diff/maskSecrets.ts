/**
 * Secret values are never shown: in every object given together (desired,
 * predicted, live), each value of a Secret's `data`/`stringData` — also inside
 * the `kubectl.kubernetes.io/last-applied-configuration` annotation — is
 * replaced by plus signs, after Argo CD's HideSecretData. The replacement
 * does not depend on the value's length: the first distinct value of a key
 * becomes `++++++++`, the next distinct one `++++++++++++`, and so on, so a
 * diff still shows *that* a value changed but never what it is or how long.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { groupOf } from '@slipway/plugin-slipway-common';
import { cloneJson, isObject, JsonObject } from './objects';

/** The placeholder of the first distinct value. @public */
export const SECRET_REPLACEMENT = '++++++++';
/** The annotation in which kubectl keeps the last applied object. @public */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** True for core-group Secrets. @public */
export function isSecret(obj: unknown): boolean {
  return isObject(obj) && obj.kind === 'Secret' && groupOf(String(obj.apiVersion ?? '')) === '';
}

function maskMap(targets: JsonObject[], field: (o: JsonObject) => unknown, keys?: Set<string>): void {
  const allKeys = new Set<string>();
  for (const t of targets) {
    const map = field(t);
    if (isObject(map)) Object.keys(map).forEach(k => (!keys || keys.has(k)) && allKeys.add(k));
  }
  for (const key of allKeys) {
    const byValue = new Map<string, string>();
    let next = SECRET_REPLACEMENT;
    for (const t of targets) {
      const map = field(t);
      if (!isObject(map) || !(key in map)) continue;
      const value = JSON.stringify(map[key] ?? '');
      let replacement = byValue.get(value);
      if (!replacement) {
        replacement = next;
        next += '++++';
        byValue.set(value, replacement);
      }
      map[key] = replacement;
    }
  }
}

function stringDataToData(obj: JsonObject): void {
  if (!isObject(obj.stringData)) return;
  const data: JsonObject = isObject(obj.data) ? obj.data : {};
  for (const [k, v] of Object.entries(obj.stringData)) data[k] = v;
  obj.data = data;
  delete obj.stringData;
}

function annotationsOf(obj: JsonObject): JsonObject | undefined {
  return isObject(obj.metadata) && isObject(obj.metadata.annotations) ? obj.metadata.annotations : undefined;
}

/**
 * Copies of the given objects with Secret values (and the values of
 * `hideAnnotations`) masked consistently across all of them. Objects that
 * are not Secrets are returned as they are (their `hideAnnotations` masked).
 * @public
 */
export function maskSecrets<T extends KubeObject | null>(objects: T[], hideAnnotations: readonly string[] = []): T[] {
  const copies = objects.map(o => (o ? cloneJson(o) : o)) as T[];
  const present = copies.filter((o): o is NonNullable<T> => o !== null) as unknown as JsonObject[];
  const secrets = present.filter(isSecret);
  const lastApplied = new Map<JsonObject, JsonObject | null>();
  for (const obj of secrets) {
    const raw = annotationsOf(obj)?.[LAST_APPLIED_ANNOTATION];
    if (typeof raw !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    lastApplied.set(obj, isObject(parsed) ? parsed : null);
  }
  const targets = [...secrets, ...[...lastApplied.values()].filter((o): o is JsonObject => o !== null)];
  targets.forEach(stringDataToData);
  maskMap(targets, o => o.data);
  const hidden = new Set(hideAnnotations);
  if (hidden.size > 0) {
    const withLastApplied = [...present, ...targets.filter(t => !present.includes(t))];
    maskMap(withLastApplied, o => (isObject(o.metadata) ? o.metadata.annotations : undefined), hidden);
  }
  for (const [obj, parsed] of lastApplied) {
    const annotations = annotationsOf(obj);
    if (!annotations) continue;
    annotations[LAST_APPLIED_ANNOTATION] =
      parsed && !hidden.has(LAST_APPLIED_ANNOTATION) ? JSON.stringify(parsed) : SECRET_REPLACEMENT;
  }
  return copies;
}
