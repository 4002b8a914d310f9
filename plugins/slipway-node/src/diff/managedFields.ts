/**
 * Field ownership from `metadata.managedFields` (FieldsV1): which manager set
 * which fields. A FieldsV1 tree has `f:<field>` children for object fields,
 * `k:{...}` for list elements by key, `v:<json>` for set members, `i:<n>` by
 * position, and `.` for the node itself.
 */
import { cloneJson, isObject, jsonEqual, JsonObject } from './objects';

/** A FieldsV1 tree. */
export type FieldSet = JsonObject;

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: unknown;
}

function entries(obj: unknown): ManagedFieldsEntry[] {
  const managed = isObject(obj) && isObject(obj.metadata) ? obj.metadata.managedFields : undefined;
  return Array.isArray(managed) ? (managed.filter(isObject) as ManagedFieldsEntry[]) : [];
}

/** Union of two FieldsV1 trees. */
export function unionFields(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = cloneJson(a);
  for (const [key, value] of Object.entries(b)) {
    out[key] = isObject(out[key]) && isObject(value) ? unionFields(out[key] as FieldSet, value) : cloneJson(value);
  }
  return out;
}

/** The fields owned by managers that `select` accepts, as one tree. */
export function fieldsOwnedBy(obj: unknown, select: (manager: string, operation: string) => boolean): FieldSet {
  let set: FieldSet = {};
  for (const entry of entries(obj)) {
    if (select(entry.manager ?? '', entry.operation ?? '') && isObject(entry.fieldsV1)) {
      set = unionFields(set, entry.fieldsV1);
    }
  }
  return set;
}

/** The names of all managers of an object. */
export function managersOf(obj: unknown): string[] {
  return entries(obj).map(e => e.manager ?? '');
}

/** The subtree of an object field. */
export function fieldChild(set: FieldSet | undefined, field: string): FieldSet | undefined {
  const child = set?.[`f:${field}`];
  return isObject(child) ? child : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The subtree of a list element (by key, by value, or by position). */
export function elementChild(set: FieldSet | undefined, item: unknown, index: number): FieldSet | undefined {
  if (!set) return undefined;
  for (const [key, child] of Object.entries(set)) {
    if (!isObject(child)) continue;
    if (key.startsWith('k:')) {
      const wanted = parseJson(key.slice(2));
      if (isObject(wanted) && isObject(item) && Object.entries(wanted).every(([k, v]) => jsonEqual(item[k] ?? (k === 'protocol' ? 'TCP' : undefined), v))) {
        return child;
      }
    } else if (key.startsWith('v:')) {
      if (jsonEqual(parseJson(key.slice(2)), item)) return child;
    } else if (key === `i:${index}`) {
      return child;
    }
  }
  return undefined;
}

/** The key names of keyed list elements in a FieldsV1 list node, if any. */
export function listKeysOf(set: FieldSet | undefined): string[] | undefined {
  for (const key of Object.keys(set ?? {})) {
    if (key.startsWith('k:')) {
      const parsed = parseJson(key.slice(2));
      if (isObject(parsed)) return Object.keys(parsed);
    }
  }
  return undefined;
}

/** True when the node owns only itself (a leaf: scalar, atomic list or map). */
export function isLeaf(set: FieldSet): boolean {
  return Object.keys(set).every(k => k === '.');
}

/** Structs that server-side apply treats as one value (`structType: atomic`). */
const ATOMIC_MAPS = new Set(['selector']);

/**
 * True when a FieldsV1 leaf owns the whole value: scalars and lists do, and
 * so do empty and atomic maps. For other maps a leaf only owns the map
 * itself, not its entries (as in structured-merge-diff field sets).
 */
export function ownsWholeValue(set: FieldSet, value: unknown, field: string | undefined): boolean {
  if (!isLeaf(set)) return false;
  if (!isObject(value) || Object.keys(value).length === 0) return true;
  return field !== undefined && ATOMIC_MAPS.has(field);
}

/**
 * The part of `value` owned according to `own` and not according to
 * `others`; undefined when nothing is owned.
 */
export function ownedSubset(
  value: unknown,
  own: FieldSet | undefined,
  others: FieldSet | undefined,
  field?: string,
): unknown {
  if (!own) return undefined;
  if (ownsWholeValue(own, value, field)) return others && ownsWholeValue(others, value, field) ? undefined : cloneJson(value);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const sub = ownedSubset(child, fieldChild(own, key), fieldChild(others, key), key);
      if (sub !== undefined) out[key] = sub;
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const sub = ownedSubset(item, elementChild(own, item, i), elementChild(others, item, i), field);
      if (sub !== undefined) out.push(isObject(item) && isObject(sub) ? { ...keyFieldsOf(item, own), ...sub } : sub);
    });
    return out;
  }
  return cloneJson(value);
}

/** Key fields of a keyed element, kept so the element keeps its identity. */
function keyFieldsOf(item: JsonObject, listNode: FieldSet): JsonObject {
  const keys = listKeysOf(listNode) ?? [];
  return Object.fromEntries(keys.filter(k => k in item).map(k => [k, item[k]]));
}
