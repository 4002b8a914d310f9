/**
 * The value model of the Go template evaluator and Go's fmt rules for
 * printing values. Data from YAML/JSON keeps JavaScript types: numbers are
 * Go float64 (as sigs.k8s.io/yaml decodes them), integers produced by
 * template literals and integer functions are `bigint` (Go int). Structs
 * and pointers with methods (time.Time, *semver.Version) are GoObjects.
 */
import { GoObject } from './goObject';

/** A value inside a template evaluation. `undefined` is Go's "no value". */
export type GoValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | GoValue[]
  | GoObject
  | { [key: string]: GoValue };

export function isMap(v: unknown): v is Record<string, GoValue> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoObject)
  );
}

const STRING_MAPS = new WeakSet<object>();

/**
 * Marks a map as Go's map[string]string (Argo CD's cluster labels and
 * annotations, and the goTemplate `values` map), whose missing keys read as
 * "" through `index` and missingkey=zero, where a map[string]interface{}
 * gives no value. Returns the map.
 */
export function markStringMap<T extends object>(map: T): T {
  STRING_MAPS.add(map);
  return map;
}

/** Whether a map was marked as map[string]string. */
export function isStringMap(v: unknown): boolean {
  return typeof v === 'object' && v !== null && STRING_MAPS.has(v);
}

/**
 * Go's `%v` for a float64: strconv 'g' with the shortest precision, which
 * switches to exponent form when the exponent is < -4 or >= 6 (1e+06).
 */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Shortest round-trip digits and decimal exponent.
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(n);
}

/** Go's fmt `%v` of a value (what `{{ . }}` prints). */
export function formatValue(v: GoValue): string {
  if (v === undefined || v === null) return '<no value>';
  return formatInner(v);
}

function formatInner(v: GoValue): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(formatInner).join(' ')}]`;
  if (v instanceof GoObject) return v.toString();
  const keys = Object.keys(v).sort();
  return `map[${keys.map(k => `${k}:${formatInner(v[k])}`).join(' ')}]`;
}

/** Go template truth: false, 0, nil, empty string/slice/map are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  // A struct is always true, as is a non-nil pointer.
  if (v instanceof GoObject) return true;
  return Object.keys(v).length > 0;
}

/** A Go type name for error messages. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoObject) return v.goType;
  return isStringMap(v) ? 'map[string]string' : 'map[string]interface {}';
}

/** Converts a value to a JS number (sprig's toFloat64-like), or undefined. */
export function toNumber(v: GoValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
    return Number(v);
  return undefined;
}

/** sprig's toInt64: numbers truncate, strings parse, anything else is 0. */
export function toInt(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  const n = toNumber(v);
  if (n === undefined || !Number.isFinite(n)) return 0n;
  return BigInt(Math.trunc(n));
}

/** sprig's toString / strval. */
export function toStr(v: GoValue): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return formatInner(v);
}

/** Deep equality as Go's `eq` on basic values, tolerant of int/float mixing. */
export function goEqual(a: GoValue, b: GoValue): boolean {
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    return Number(a) === Number(b);
  }
  if (a === undefined || a === null) return b === undefined || b === null;
  if (typeof a !== 'object' || typeof b !== 'object' || b === null)
    return a === b;
  return (
    JSON.stringify(normalizeForJson(a)) === JSON.stringify(normalizeForJson(b))
  );
}

/** Converts a value to plain JSON-compatible data (bigint → number, sorted map keys). */
export function normalizeForJson(v: GoValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(normalizeForJson);
  if (v instanceof GoObject) return v.toJSON();
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = normalizeForJson(v[k]);
    return out;
  }
  return v;
}
