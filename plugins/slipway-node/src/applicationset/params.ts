/**
 * Parameter-set helpers shared by the generators: flattening nested values
 * to `a.b.c` keys, Go's `%v` for leaf values, deep merging (mergo with
 * override), and combining flat parameter sets.
 */
import {
  formatValue,
  GoValue,
  isMap,
  isStringMap,
  markStringMap,
} from './gotemplate/values';
import type { Params } from './types';

/** Go's fmt `%v` of a decoded YAML/JSON value (float64 numbers, `<nil>` for null). */
export function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return formatValue(v as GoValue);
}

/**
 * Flattens nested maps and lists into dot-separated keys, as
 * jeremywohl/flatten's DotStyle does (`cluster.name`, `list.0`), with each
 * leaf printed by `%v`. Like flatten, an empty map or list yields no key.
 */
export function flattenParams(
  obj: Record<string, unknown>,
  prefix = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (v: unknown, key: string) => {
    if (isMap(v)) {
      for (const k of Object.keys(v)) visit(v[k], key ? `${key}.${k}` : k);
    } else if (Array.isArray(v)) {
      v.forEach((e, i) => visit(e, key ? `${key}.${i}` : String(i)));
    } else if (key) {
      out[key] = goString(v);
    }
  };
  visit(obj, prefix);
  return out;
}

/** Deep clone of plain data (string-typed maps stay string-typed). */
export function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneData) as unknown as T;
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneData(x);
    return (isStringMap(v) ? markStringMap(out) : out) as T;
  }
  return v;
}

/**
 * mergo.Merge(dst, src, WithOverride) on parameter maps, key by key, as
 * dario.cat/mergo v1 (Argo CD 3) does it:
 * - a map in `src` merges recursively into a non-empty map in `dst`, and
 *   takes the place of anything else (missing, empty, a string, a list);
 * - a list, a scalar (false and "" included) or null in `src` replaces the
 *   value in `dst`.
 * Returns a new object.
 */
export function mergeOverride(dst: Params, src: Params): Params {
  const out: Params = cloneData(dst);
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    if (isMap(v)) {
      const d = out[k];
      out[k] =
        isMap(d) && Object.keys(d).length
          ? mergeOverride(d as Params, v as Params)
          : cloneData(v);
    } else {
      out[k] = cloneData(v);
    }
  }
  return out;
}

/**
 * mergo.Merge(dst, src) without override: fills fields of `dst` that are
 * empty from `src`, recursively. Used for generator-level templates, which
 * take precedence over the ApplicationSet's template.
 */
export function mergeFill(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = cloneData(dst);
  for (const [k, v] of Object.entries(src)) {
    if (isMap(v) && isMap(out[k]))
      out[k] = mergeFill(
        out[k] as Record<string, unknown>,
        v as Record<string, unknown>,
      );
    else if (isEmptyValue(out[k])) out[k] = cloneData(v);
  }
  return out;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0)
    return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * utils.CombineStringMaps: the union of two flat parameter sets; the same
 * key with different values is an error (returned as a message).
 */
export function combineFlat(a: Params, b: Params): Params | string {
  const out: Params = {};
  for (const [k, v] of Object.entries(a))
    out[k] = typeof v === 'string' ? v : goString(v);
  for (const [k, v] of Object.entries(b)) {
    const value = typeof v === 'string' ? v : goString(v);
    if (k in out && out[k] !== value) {
      return `both child generators set parameter "${k}" with different values ("${out[k]}" and "${value}")`;
    }
    out[k] = value;
  }
  return out;
}
