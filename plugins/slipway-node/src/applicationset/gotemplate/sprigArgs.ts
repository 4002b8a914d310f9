import { GoValue, isMap, toStr, typeName } from './values';

/** A template argument as text. */
export const s = toStr;

/** A list argument of `fn`, or Go's error for another type. */
export function list(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  throw new Error(`cannot ${fn} on type ${typeName(v)}`);
}

/** A map argument of `fn`, or Go's error for another type. */
export function map(v: GoValue, fn: string): Record<string, GoValue> {
  if (isMap(v)) return v;
  throw new Error(`${fn} expects a map, got ${typeName(v)}`);
}
