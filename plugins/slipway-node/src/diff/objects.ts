/** A JSON object as read from YAML/JSON manifests. */
export type JsonObject = { [key: string]: unknown };

/** True for plain JSON objects (not arrays, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of a JSON value, equal to `JSON.parse(JSON.stringify(value))`
 * (undefined members dropped, undefined array items and non-finite numbers
 * become null, toJSON honoured) but without the text round trip: the diff
 * clones many small values per resource, and the round trip dominated a
 * refresh's CPU time.
 */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (copyJson(value) as T);
}

function copyJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    case 'function':
    case 'symbol':
    case 'undefined':
      return undefined;
    default:
      // bigint: JSON.stringify throws, and so does this
      return JSON.parse(JSON.stringify(value));
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    return value.map(item => {
      const copy = copyJson(item);
      return copy === undefined ? null : copy;
    });
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.parse(JSON.stringify(value));
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const copy = copyJson((value as JsonObject)[key]);
    if (copy === undefined) continue;
    // a "__proto__" member is data in JSON, not the prototype
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

/** Structural equality of two JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(k => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A JSON value with object keys sorted, so equal objects render identically. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(v => sortKeys(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out as T;
  }
  return value;
}

/** Reads a nested field; undefined when any step is missing. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Removes a nested field if present (like unstructured.RemoveNestedField). */
export function removePath(obj: unknown, path: readonly string[]): void {
  if (path.length === 0) return;
  const parent = getPath(obj, path.slice(0, -1));
  if (isObject(parent)) delete parent[path[path.length - 1]];
}
