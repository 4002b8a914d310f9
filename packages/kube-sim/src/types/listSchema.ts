/**
 * How lists of the built-in types merge: the patchMergeKey / listMapKeys of
 * the Kubernetes OpenAPI schema, for the lists the engine meets. Lists not
 * named here are atomic (replaced as a whole), as in the real schema.
 */
export type ListSchema =
  | { type: 'map'; keys: string[]; mergeKey: string }
  | { type: 'set' }
  | { type: 'atomic' };

const ATOMIC: ListSchema = { type: 'atomic' };
const SET: ListSchema = { type: 'set' };
const byName: ListSchema = { type: 'map', keys: ['name'], mergeKey: 'name' };

const CONTAINER_LISTS = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

/**
 * @param custom - true for custom resources (only metadata lists are known)
 * @param path - field names from the object root to the list, without indices
 */
export function listSchema(
  custom: boolean,
  kind: string,
  path: string[],
): ListSchema {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 2 && parent === 'metadata') {
    if (field === 'finalizers') return SET;
    if (field === 'ownerReferences')
      return { type: 'map', keys: ['uid'], mergeKey: 'uid' };
    return ATOMIC;
  }
  if (custom) return ATOMIC;
  if (CONTAINER_LISTS.has(field)) return byName;
  switch (field) {
    case 'ports':
      if (
        CONTAINER_LISTS.has(parent) ||
        CONTAINER_LISTS.has(path[path.length - 2])
      ) {
        return {
          type: 'map',
          keys: ['containerPort', 'protocol'],
          mergeKey: 'containerPort',
        };
      }
      if (kind === 'Service' && path.length === 2 && parent === 'spec') {
        return { type: 'map', keys: ['port', 'protocol'], mergeKey: 'port' };
      }
      return ATOMIC;
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return byName;
    case 'volumeMounts':
      return { type: 'map', keys: ['mountPath'], mergeKey: 'mountPath' };
    case 'volumeDevices':
      return { type: 'map', keys: ['devicePath'], mergeKey: 'devicePath' };
    case 'hostAliases':
      return { type: 'map', keys: ['ip'], mergeKey: 'ip' };
    case 'conditions':
      return { type: 'map', keys: ['type'], mergeKey: 'type' };
    case 'topologySpreadConstraints':
      return {
        type: 'map',
        keys: ['topologyKey', 'whenUnsatisfiable'],
        mergeKey: 'topologyKey',
      };
    case 'secrets':
      return kind === 'ServiceAccount' ? byName : ATOMIC;
    default:
      return ATOMIC;
  }
}

/** Element key values (with the SSA defaults: protocol TCP). */
export function elementKey(
  schema: ListSchema,
  el: any,
): Record<string, unknown> | undefined {
  if (schema.type !== 'map' || typeof el !== 'object' || el === null)
    return undefined;
  const out: Record<string, unknown> = {};
  for (const k of schema.keys) {
    let v = el[k];
    if (v === undefined && k === 'protocol') v = 'TCP';
    if (v === undefined) continue;
    out[k] = v;
  }
  return out;
}
