import { KubeObject, ManagedFieldsEntry } from '../store/KubeObject';
import { deepEqual, nowIso } from '../util/objects';
import {
  FieldSet,
  fieldSetOf,
  fromFieldsV1,
  SchemaContext,
  toFieldsV1,
  valueAt,
} from './FieldSet';

export function sameManager(
  e: ManagedFieldsEntry,
  manager: string,
  operation: 'Apply' | 'Update',
  subresource?: string,
): boolean {
  return (
    e.manager === manager &&
    e.operation === operation &&
    (e.subresource ?? '') === (subresource ?? '')
  );
}

export function entrySet(e: ManagedFieldsEntry): FieldSet {
  return fromFieldsV1(e.fieldsV1 ?? {});
}

function minus(set: FieldSet, remove: FieldSet): FieldSet | undefined {
  let changed = false;
  for (const p of remove) if (set.has(p)) changed = true;
  if (!changed) return undefined;
  const out = new Set<string>();
  for (const p of set) if (!remove.has(p)) out.add(p);
  return out;
}

/** Removes paths from every entry except `keep`; drops entries left empty. */
export function disown(
  entries: ManagedFieldsEntry[],
  paths: FieldSet,
  keep?: ManagedFieldsEntry,
): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (e === keep || paths.size === 0) {
      out.push(e);
      continue;
    }
    const rest = minus(entrySet(e), paths);
    if (!rest) out.push(e);
    else if (rest.size > 0) out.push({ ...e, fieldsV1: toFieldsV1(rest) });
  }
  return out;
}

/**
 * Managed fields after an Update operation (create, update, non-apply patch,
 * controller writes): the manager takes ownership of every field whose value
 * it changed, other managers lose those fields, and fields that no longer
 * exist are owned by nobody. Updates never conflict.
 */
export function managedFieldsAfterUpdate(
  oldObj: KubeObject | undefined,
  newObj: KubeObject,
  manager: string,
  ctx: SchemaContext,
  subresource?: string,
  part?: 'status' | 'spec',
): ManagedFieldsEntry[] {
  const entries = oldObj?.metadata.managedFields ?? [];
  const newSet = fieldSetOf(newObj, ctx, part);
  const changed: FieldSet = new Set();
  const oldSet = oldObj ? fieldSetOf(oldObj, ctx, part) : new Set<string>();
  for (const p of newSet) {
    if (
      !oldSet.has(p) ||
      !deepEqual(valueAt(oldObj, p, ctx), valueAt(newObj, p, ctx))
    )
      changed.add(p);
  }
  const gone: FieldSet = new Set();
  for (const p of oldSet) if (!newSet.has(p)) gone.add(p);
  if (changed.size === 0 && gone.size === 0) return entries;
  const lost = new Set<string>([...changed, ...gone]);
  const mine = entries.find(e =>
    sameManager(e, manager, 'Update', subresource),
  );
  const rest = disown(entries, lost, mine);
  const mineSet = new Set<string>(mine ? entrySet(mine) : []);
  for (const p of gone) mineSet.delete(p);
  for (const p of changed) mineSet.add(p);
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion: newObj.apiVersion,
    time: nowIso(),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(mineSet),
    ...(subresource ? { subresource } : {}),
  };
  const out = rest.filter(e => e !== mine);
  if (mineSet.size > 0) {
    const i = mine ? rest.indexOf(mine) : -1;
    if (i >= 0) out.splice(i, 0, entry);
    else out.push(entry);
  }
  return out;
}
