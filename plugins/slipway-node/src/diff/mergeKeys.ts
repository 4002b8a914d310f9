/**
 * How a list is merged when a desired object is applied over a live one:
 * by a merge key (strategic-merge-patch `patchMergeKey` of the Kubernetes
 * types), as a set of primitives, or atomically.
 */
import { isObject } from './objects';

/** `{ keys }` for keyed lists, `'set'` for primitive sets, undefined when atomic. */
export type ListStrategy = { keys: string[] } | 'set' | undefined;

/** patchMergeKey of list fields of the built-in types, by field name. */
const KEYED_BY_FIELD: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  ownerReferences: ['uid'],
  conditions: ['type'],
  webhooks: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  secrets: ['name'],
};

/** Primitive lists merged as sets. */
const SET_FIELDS = new Set(['finalizers']);

function allHave(items: unknown[], keys: string[]): boolean {
  return items.every(item => isObject(item) && keys.every(k => item[k] !== undefined));
}

/**
 * The merge strategy of the list at `path` (field names from the object root).
 * `items` are the list's elements on both sides, used to tell container ports
 * (`containerPort`) from Service ports (`port`).
 */
export function listStrategy(path: readonly string[], items: unknown[]): ListStrategy {
  const field = path[path.length - 1];
  if (SET_FIELDS.has(field) && items.every(i => !isObject(i) && !Array.isArray(i))) return 'set';
  if (field === 'ports') {
    if (allHave(items, ['containerPort'])) return { keys: ['containerPort', 'protocol'] };
    if (path.length === 2 && path[0] === 'spec' && allHave(items, ['port'])) {
      return { keys: ['port', 'protocol'] };
    }
    return undefined;
  }
  const keys = KEYED_BY_FIELD[field];
  if (keys && allHave(items, [keys[0]])) return { keys };
  return undefined;
}

/** Kubernetes defaults of key fields, so `{port: 80}` matches `{port: 80, protocol: TCP}`. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** The identity of a keyed list element, as a string. */
export function elementKey(item: unknown, keys: string[]): string {
  const obj = isObject(item) ? item : {};
  return JSON.stringify(keys.map(k => obj[k] ?? KEY_DEFAULTS[k] ?? null));
}
