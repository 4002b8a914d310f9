import { isObject, jsonEqual } from '../diff/objects';

type Json = unknown;

/**
 * The JSON merge patch (RFC 7386) that turns `original` into `modified`, as
 * Argo CD computes the patch of a Lua action (jsonpatch.CreateMergePatch):
 * a removed field is `null`, a changed object is patched field by field,
 * anything else (lists included) is replaced whole. Empty when they are
 * the same.
 * @public
 */
export function createMergePatch(
  original: Record<string, Json>,
  modified: Record<string, Json>,
): Record<string, Json> {
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(original)) {
    if (!(key in modified)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(modified)) {
    const before = original[key];
    if (isObject(before) && isObject(value)) {
      const inner = createMergePatch(before, value);
      if (Object.keys(inner).length > 0) patch[key] = inner;
    } else if (!(key in original) || !jsonEqual(before, value)) {
      patch[key] = value;
    }
  }
  return patch;
}

/**
 * Gives back the objects an action's Lua encoder turned into lists: gopher-json
 * writes an empty table as `[]`, so an empty map the object had comes back as
 * an empty list. As Argo CD does (cleanReturnedObj), an empty list where the
 * original held a map is a map again, inside lists too.
 * @public
 */
export function restoreEmptyMaps(returned: Json, original: Json): Json {
  if (Array.isArray(returned) && returned.length === 0 && isObject(original)) {
    return {};
  }
  if (Array.isArray(returned)) {
    // list items are matched by position, as Argo CD's cleanReturnedArray does
    return returned.map((item, i) =>
      restoreEmptyMaps(item, Array.isArray(original) ? original[i] : undefined),
    );
  }
  if (isObject(returned)) {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(returned)) {
      out[key] = restoreEmptyMaps(
        value,
        isObject(original) ? original[key] : undefined,
      );
    }
    return out;
  }
  return returned;
}
