/**
 * Normalisation applied to desired and live objects before they are compared,
 * after gitops-engine's `diff.Normalize` and the API server's canonical forms:
 * values that mean the same thing are written the same way on both sides.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { groupOf } from '@slipway/plugin-slipway-common';
import { canonicalQuantity } from './quantity';
import { dropOmittedZeroValues } from './omittedZeroValues';
import { cloneJson, isObject, JsonObject, removePath } from './objects';

/** Options of {@link normalizeObject}. @public */
export interface NormalizeOptions {
  /** Ignore `rules` of ClusterRoles/Roles that have an `aggregationRule`. */
  ignoreAggregatedRoles?: boolean;
}

/** Moves Secret `stringData` into base64 `data` and writes null values as "". */
function normalizeSecret(obj: JsonObject): void {
  const stringData = obj.stringData;
  if (isObject(stringData)) {
    const data: JsonObject = isObject(obj.data) ? obj.data : {};
    for (const [key, value] of Object.entries(stringData)) {
      data[key] = typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : value;
    }
    obj.data = data;
    delete obj.stringData;
  }
  if (isObject(obj.data)) {
    for (const key of Object.keys(obj.data)) {
      if (obj.data[key] === null || obj.data[key] === undefined) obj.data[key] = '';
    }
  }
}

/** Aggregated roles: rules are filled by the controller. Empty rules equal no rules. */
function normalizeRole(obj: JsonObject, options: NormalizeOptions): void {
  if (options.ignoreAggregatedRoles && isObject(obj.aggregationRule)) {
    obj.rules = null;
  }
  if (Array.isArray(obj.rules) && obj.rules.length === 0) obj.rules = null;
}

function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Endpoints: default port protocol TCP, subsets in a stable order. */
function normalizeEndpoints(obj: JsonObject): void {
  if (!Array.isArray(obj.subsets)) return;
  for (const subset of obj.subsets) {
    if (!isObject(subset)) continue;
    for (const field of ['addresses', 'notReadyAddresses']) {
      const list = subset[field];
      if (Array.isArray(list)) {
        list.sort((a, b) => compareStrings(String(isObject(a) ? a.ip : ''), String(isObject(b) ? b.ip : '')));
      }
    }
    if (Array.isArray(subset.ports)) {
      for (const port of subset.ports) {
        if (isObject(port) && !port.protocol) port.protocol = 'TCP';
      }
      subset.ports.sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
    }
  }
  obj.subsets.sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
}

/** Map fields whose values are resource quantities, by field name. */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'hard', 'capacity', 'allocatable', 'overhead']);
/** Map fields of quantities wherever they are: pod and RuntimeClass overheads. */
const QUANTITY_MAPS_ANYWHERE = new Set(['overhead', 'podFixed']);
/** Map fields of a LimitRange's `spec.limits` items. */
const LIMIT_RANGE_MAPS = new Set(['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']);
/** Fields whose value is a single quantity. */
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor', 'storage']);
/** Quantity fields of a HorizontalPodAutoscaler metric's target or current value. */
const METRIC_VALUE_FIELDS = new Set(['averageValue', 'value']);
const METRIC_VALUE_PARENTS = new Set(['target', 'current']);
/** HorizontalPodAutoscaler v2beta1 metric quantities. */
const BETA_METRIC_FIELDS = new Set(['targetAverageValue', 'targetValue', 'currentAverageValue', 'currentValue']);

function isQuantityMap(key: string, parentKey: string): boolean {
  return (
    (QUANTITY_MAPS.has(key) && (parentKey === 'resources' || key === 'hard' || parentKey === 'status')) ||
    QUANTITY_MAPS_ANYWHERE.has(key) ||
    (LIMIT_RANGE_MAPS.has(key) && parentKey === 'limits')
  );
}

function isQuantityField(key: string, parentKey: string): boolean {
  return (
    QUANTITY_FIELDS.has(key) ||
    BETA_METRIC_FIELDS.has(key) ||
    (METRIC_VALUE_FIELDS.has(key) && METRIC_VALUE_PARENTS.has(parentKey))
  );
}

function canonicalizeQuantities(value: unknown, parentKey = ''): void {
  if (Array.isArray(value)) {
    value.forEach(item => canonicalizeQuantities(item, parentKey));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (isQuantityMap(key, parentKey) && isObject(child)) {
      for (const [name, q] of Object.entries(child)) {
        if (typeof q === 'string' || typeof q === 'number') child[name] = canonicalQuantity(q);
      }
      // RuntimeClass's overhead is an object holding the quantity map podFixed
      if (Object.values(child).some(isObject)) canonicalizeQuantities(child, key);
    } else if (isQuantityField(key, parentKey) && (typeof child === 'string' || typeof child === 'number')) {
      value[key] = canonicalQuantity(child);
    } else {
      canonicalizeQuantities(child, key);
    }
  }
}

/** Drops null map entries: an explicit null and an absent field are the same. */
function dropNulls(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(dropNulls);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] === null || value[key] === undefined) delete value[key];
      else dropNulls(value[key]);
    }
  }
}

/**
 * A normalised copy of a desired or live object: `creationTimestamp` dropped,
 * Secret `stringData` folded into `data`, empty or aggregated role rules
 * cleared, Endpoints sorted, resource quantities canonical, nulls dropped,
 * and zero values of `omitempty` fields of Kubernetes' own kinds dropped.
 * @public
 */
export function normalizeObject(obj: KubeObject, options: NormalizeOptions = {}): KubeObject {
  const out = cloneJson(obj) as KubeObject;
  removePath(out, ['metadata', 'creationTimestamp']);
  const group = groupOf(String(out.apiVersion ?? ''));
  if (group === '' && out.kind === 'Secret') normalizeSecret(out);
  if (group === 'rbac.authorization.k8s.io' && (out.kind === 'Role' || out.kind === 'ClusterRole')) {
    normalizeRole(out, options);
  }
  if (group === '' && out.kind === 'Endpoints') normalizeEndpoints(out);
  canonicalizeQuantities(out);
  dropNulls(out);
  dropOmittedZeroValues(out);
  return out;
}

/** Fields the API server and controllers own, never part of a desired state. */
const NOISY_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];

/**
 * A copy without fields that are noise in a displayed diff: `status` (Argo CD
 * 3 ignores the status of every resource by default) and server-owned metadata.
 * @public
 */
export function withoutNoisyFields(obj: KubeObject, options: { keepStatus?: boolean } = {}): KubeObject {
  const out = cloneJson(obj);
  for (const field of NOISY_METADATA) removePath(out, ['metadata', field]);
  if (!options.keepStatus) delete out.status;
  return out;
}
