import { elementKey, listSchema } from '../types/listSchema';
import { isObject } from '../util/objects';

/**
 * A set of field paths in the `fieldsV1` vocabulary of managedFields:
 * `f:<field>` for map fields, `k:{...}` for elements of keyed lists,
 * `v:<value>` for elements of set lists and `.` for "the element itself".
 * A path is its elements joined by newlines; the set holds leaf paths only.
 */
export type FieldSet = Set<string>;

export const SEP = '\n';

/** Fields that identify an object or are set by the server; never owned. */
const TOP_EXCLUDED = new Set(['f:apiVersion', 'f:kind']);
const META_EXCLUDED = new Set([
  'f:name',
  'f:namespace',
  'f:uid',
  'f:resourceVersion',
  'f:generation',
  'f:creationTimestamp',
  'f:deletionTimestamp',
  'f:deletionGracePeriodSeconds',
  'f:managedFields',
  'f:selfLink',
]);

export interface SchemaContext {
  kind: string;
  custom: boolean;
}

function keyElement(key: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(key).sort()) sorted[k] = key[k];
  return `k:${JSON.stringify(sorted)}`;
}

/** The leaf paths of an object, e.g. for an applied configuration. */
export function fieldSetOf(
  obj: Record<string, any>,
  ctx: SchemaContext,
  part?: 'status' | 'spec',
): FieldSet {
  const out: FieldSet = new Set();
  for (const [k, v] of Object.entries(obj)) {
    const pe = `f:${k}`;
    if (TOP_EXCLUDED.has(pe)) continue;
    if (part === 'status' && k !== 'status') continue;
    if (part === 'spec' && k === 'status') continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        const mpe = `f:${mk}`;
        if (META_EXCLUDED.has(mpe)) continue;
        walk(mv, `f:metadata${SEP}${mpe}`, ['metadata', mk], ctx, out);
      }
      continue;
    }
    walk(v, pe, [k], ctx, out);
  }
  return out;
}

function walk(
  v: unknown,
  path: string,
  names: string[],
  ctx: SchemaContext,
  out: FieldSet,
) {
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) {
      out.add(path);
      return;
    }
    for (const k of keys)
      walk(v[k], `${path}${SEP}f:${k}`, [...names, k], ctx, out);
    return;
  }
  if (Array.isArray(v)) {
    const schema = listSchema(ctx.custom, ctx.kind, names);
    if (schema.type === 'map' && v.every(isObject)) {
      for (const el of v) {
        const ep = `${path}${SEP}${keyElement(elementKey(schema, el)!)}`;
        out.add(`${ep}${SEP}.`);
        for (const k of Object.keys(el))
          walk(el[k], `${ep}${SEP}f:${k}`, [...names, k], ctx, out);
      }
      return;
    }
    if (schema.type === 'set') {
      for (const el of v) out.add(`${path}${SEP}v:${JSON.stringify(el)}`);
      return;
    }
  }
  out.add(path);
}

const MISSING = Symbol('missing');

/** The value at a field path, or MISSING. */
export function valueAt(
  obj: unknown,
  path: string,
  ctx: SchemaContext,
): unknown {
  let cur: any = obj;
  const names: string[] = [];
  for (const pe of path.split(SEP)) {
    if (pe === '.') return cur;
    if (pe.startsWith('f:')) {
      const k = pe.slice(2);
      if (!isObject(cur) || !(k in cur)) return MISSING;
      cur = cur[k];
      names.push(k);
    } else if (pe.startsWith('k:')) {
      if (!Array.isArray(cur)) return MISSING;
      const schema = listSchema(ctx.custom, ctx.kind, names);
      const found = cur.find(
        el => isObject(el) && keyElement(elementKey(schema, el)!) === pe,
      );
      if (found === undefined) return MISSING;
      cur = found;
    } else if (pe.startsWith('v:')) {
      if (!Array.isArray(cur)) return MISSING;
      const want = pe.slice(2);
      const found = cur.find(el => JSON.stringify(el) === want);
      return found === undefined ? MISSING : found;
    } else {
      return MISSING;
    }
  }
  return cur;
}

export function isMissing(v: unknown): boolean {
  return v === MISSING;
}

/** Removes the field at `path` from `obj` in place (obj must be a private copy). */
export function removeAt(obj: any, path: string, ctx: SchemaContext): void {
  const pes = path.split(SEP);
  if (pes[pes.length - 1] === '.') pes.pop();
  let cur: any = obj;
  const names: string[] = [];
  for (let i = 0; i < pes.length; i++) {
    const pe = pes[i];
    const last = i === pes.length - 1;
    if (pe.startsWith('f:')) {
      const k = pe.slice(2);
      if (!isObject(cur)) return;
      if (last) {
        delete cur[k];
        return;
      }
      cur = cur[k];
      names.push(k);
    } else if (Array.isArray(cur)) {
      const schema = listSchema(ctx.custom, ctx.kind, names);
      const idx = pe.startsWith('k:')
        ? cur.findIndex(
            el => isObject(el) && keyElement(elementKey(schema, el)!) === pe,
          )
        : cur.findIndex(el => JSON.stringify(el) === pe.slice(2));
      if (idx < 0) return;
      if (last) {
        cur.splice(idx, 1);
        return;
      }
      cur = cur[idx];
    } else {
      return;
    }
  }
}

const cache = new WeakMap<object, FieldSet>();

/** Reads a managedFields `fieldsV1` tree (cached per stored tree). */
export function fromFieldsV1(tree: Record<string, any>): FieldSet {
  const hit = cache.get(tree);
  if (hit) return hit;
  const out: FieldSet = new Set();
  const rec = (node: Record<string, any>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const p = prefix ? `${prefix}${SEP}${k}` : k;
      if (k === '.' || !isObject(v) || Object.keys(v).length === 0) out.add(p);
      else rec(v, p);
    }
  };
  rec(tree, '');
  cache.set(tree, out);
  return out;
}

export function toFieldsV1(set: FieldSet): Record<string, any> {
  const root: Record<string, any> = {};
  for (const p of [...set].sort()) {
    let node = root;
    for (const pe of p.split(SEP)) node = node[pe] ??= {};
  }
  cache.set(root, set);
  return root;
}

/** `.spec.replicas`-style rendering for error messages. */
export function displayPath(path: string): string {
  return path
    .split(SEP)
    .filter(pe => pe !== '.')
    .map(pe => (pe.startsWith('f:') ? `.${pe.slice(2)}` : `[${pe.slice(2)}]`))
    .join('');
}
