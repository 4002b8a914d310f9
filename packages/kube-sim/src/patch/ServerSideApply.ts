import { KubeError } from '../api/Status';
import { KubeObject, ManagedFieldsEntry } from '../store/KubeObject';
import { elementKey, listSchema } from '../types/listSchema';
import { clone, deepEqual, isObject, nowIso } from '../util/objects';
import {
  displayPath,
  FieldSet,
  fieldSetOf,
  isMissing,
  removeAt,
  SchemaContext,
  SEP,
  toFieldsV1,
  valueAt,
} from './FieldSet';
import { disown, entrySet, sameManager } from './ManagedFields';

export interface ApplyRequest {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  ctx: SchemaContext;
  /** 'status' when applying to the status subresource. */
  subresource?: string;
}

/**
 * Server-side apply (structured merge): merges the applied configuration into
 * the live object, records the manager's ownership as an `Apply` entry,
 * reports conflicts with other managers' differing values (unless forced),
 * and removes fields this manager applied before and no longer applies when
 * nobody else owns them.
 */
export function serverSideApply(req: ApplyRequest): KubeObject {
  const { live, applied, manager, force, ctx, subresource } = req;
  const part = subresource === 'status' ? 'status' : undefined;
  const newSet = fieldSetOf(applied, ctx, part);
  const entries: ManagedFieldsEntry[] = live?.metadata.managedFields ?? [];
  const mine = entries.find(e => sameManager(e, manager, 'Apply', subresource));

  const conflicts: Array<{
    manager: string;
    apiVersion: string;
    path: string;
  }> = [];
  const taken: FieldSet = new Set();
  if (live) {
    for (const e of entries) {
      if (e === mine) continue;
      const theirs = entrySet(e);
      for (const p of newSet) {
        if (!theirs.has(p) || p.endsWith(`${SEP}.`)) continue;
        const liveValue = valueAt(live, p, ctx);
        if (
          isMissing(liveValue) ||
          deepEqual(liveValue, valueAt(applied, p, ctx))
        )
          continue;
        conflicts.push({
          manager: e.manager,
          apiVersion: e.apiVersion,
          path: p,
        });
        taken.add(p);
      }
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);

  const merged = mergeApplied(
    live ? clone(live) : {},
    applied,
    ctx,
    [],
  ) as KubeObject;

  // Fields this manager applied before and no longer applies.
  let others = disown(
    entries.filter(e => e !== mine),
    taken,
  );
  if (mine) {
    const ownedByOthers = new Set<string>();
    for (const e of others) for (const p of entrySet(e)) ownedByOthers.add(p);
    const dropped = [...entrySet(mine)].filter(p => !newSet.has(p));
    dropped.sort((a, b) => b.split(SEP).length - a.split(SEP).length);
    for (const p of dropped) {
      const prefix = p.endsWith(`${SEP}.`) ? p.slice(0, -1) : `${p}${SEP}`;
      let shared = ownedByOthers.has(p);
      if (!shared)
        for (const q of ownedByOthers) if (q.startsWith(prefix)) shared = true;
      if (!shared && p.endsWith(`${SEP}.`)) {
        for (const q of newSet) if (q.startsWith(prefix)) shared = true;
      }
      if (!shared) removeAt(merged, p, ctx);
    }
  }
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: applied.apiVersion,
    time: nowIso(),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(newSet),
    ...(subresource ? { subresource } : {}),
  };
  const i = mine ? entries.indexOf(mine) : -1;
  if (i >= 0) others.splice(Math.min(i, others.length), 0, entry);
  else others = [...others, entry];
  merged.metadata = { ...merged.metadata, managedFields: others };
  return merged;
}

function conflictError(
  cs: Array<{ manager: string; apiVersion: string; path: string }>,
): KubeError {
  const lines = cs.map(
    c =>
      `conflict with "${c.manager}" using ${c.apiVersion}: ${displayPath(
        c.path,
      )}`,
  );
  const message =
    cs.length === 1
      ? `Apply failed with 1 conflict: ${lines[0]}`
      : `Apply failed with ${cs.length} conflicts: ${lines.join('\n')}`;
  return new KubeError(409, 'Conflict', message, {
    causes: cs.map(c => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${c.apiVersion}`,
      field: displayPath(c.path),
    })),
  });
}

/** Structured merge of an applied configuration into a (private copy of a) live value. */
function mergeApplied(
  live: unknown,
  applied: unknown,
  ctx: SchemaContext,
  names: string[],
): unknown {
  if (isObject(applied)) {
    const out: Record<string, any> = isObject(live) ? live : {};
    for (const [k, v] of Object.entries(applied)) {
      if (names.length === 0 && k === 'metadata' && isObject(v)) {
        const m = isObject(out.metadata) ? out.metadata : {};
        for (const [mk, mv] of Object.entries(v)) {
          if (
            mk === 'managedFields' ||
            mk === 'resourceVersion' ||
            mk === 'uid'
          )
            continue;
          m[mk] = mergeApplied(m[mk], mv, ctx, ['metadata', mk]);
        }
        out.metadata = m;
        continue;
      }
      out[k] = mergeApplied(out[k], v, ctx, [...names, k]);
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const schema = listSchema(ctx.custom, ctx.kind, names);
    if (
      schema.type === 'map' &&
      Array.isArray(live) &&
      applied.every(isObject)
    ) {
      const out = [...live];
      for (const el of applied) {
        const key = JSON.stringify(elementKey(schema, el));
        const i = out.findIndex(
          o => isObject(o) && JSON.stringify(elementKey(schema, o)) === key,
        );
        if (i >= 0) out[i] = mergeApplied(out[i], el, ctx, names);
        else out.push(clone(el));
      }
      return out;
    }
    if (schema.type === 'set' && Array.isArray(live)) {
      const out = [...live];
      for (const el of applied)
        if (!out.some(o => deepEqual(o, el))) out.push(el);
      return out;
    }
    return clone(applied);
  }
  return applied;
}
