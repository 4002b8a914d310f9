import { errors } from '../api/Status';
import { listSchema } from '../types/listSchema';
import { isObject } from '../util/objects';

/**
 * Strategic merge patch for the built-in types: lists with a patch merge key
 * are merged element-wise, primitive "merge" lists are unions, other lists
 * are replaced; `null` deletes; directives `$patch` (replace/delete/merge),
 * `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` are honoured.
 */
export function applyStrategicMergePatch(
  kind: string,
  original: unknown,
  patch: unknown,
): unknown {
  if (!isObject(patch))
    throw errors.badRequest('strategic merge patch must be a JSON object');
  return mergeMap(kind, isObject(original) ? original : {}, patch, []);
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v
      .filter(e => !(isObject(e) && e.$patch === 'delete'))
      .map(stripDirectives);
  }
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

function mergeMap(
  kind: string,
  original: Record<string, any>,
  patch: Record<string, any>,
  path: string[],
): Record<string, any> | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace')
    return stripDirectives(patch) as Record<string, any>;
  const out: Record<string, any> = { ...original };
  const orders: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      orders[k.slice('$setElementOrder/'.length)] = v as unknown[];
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) {
        out[field] = out[field].filter((e: unknown) => !v.includes(e));
      }
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const childPath = [...path, k];
    if (isObject(v)) {
      const merged = mergeMap(
        kind,
        isObject(out[k]) ? out[k] : {},
        v,
        childPath,
      );
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(
        kind,
        Array.isArray(out[k]) ? out[k] : [],
        v,
        childPath,
      );
    } else {
      out[k] = v;
    }
  }
  for (const [field, order] of Object.entries(orders)) {
    if (Array.isArray(out[field]))
      out[field] = reorder(kind, out[field], order, [...path, field]);
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const k of Object.keys(out))
      if (!patch.$retainKeys.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(
  kind: string,
  original: any[],
  patch: any[],
  path: string[],
): any[] {
  const schema = listSchema(false, kind, path);
  if (patch.some(e => isObject(e) && e.$patch === 'replace')) {
    return stripDirectives(
      patch.filter(e => !(isObject(e) && e.$patch === 'replace')),
    ) as any[];
  }
  if (schema.type === 'set') {
    const out = [...original];
    for (const e of patch) if (!out.includes(e)) out.push(e);
    return out;
  }
  if (schema.type !== 'map') return stripDirectives(patch) as any[];
  const key = schema.mergeKey;
  const out = [...original];
  for (const el of patch) {
    if (!isObject(el)) {
      throw errors.badRequest(
        `strategic merge patch: element of ${path.join(
          '.',
        )} must be an object with "${key}"`,
      );
    }
    const i = out.findIndex(o => isObject(o) && o[key] === el[key]);
    if (el.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = mergeMap(kind, out[i], el, path);
    else out.push(stripDirectives(el));
  }
  return out.filter(e => e !== undefined);
}

function reorder(
  kind: string,
  list: any[],
  order: unknown[],
  path: string[],
): any[] {
  const schema = listSchema(false, kind, path);
  const keyOf = (e: any) =>
    schema.type === 'map' && isObject(e) ? e[schema.mergeKey] : e;
  const orderKeys = order.map(o => keyOf(o));
  const ranked = list.map((e, i) => {
    const r = orderKeys.indexOf(keyOf(e));
    return { e, r: r < 0 ? orderKeys.length + i : r };
  });
  ranked.sort((a, b) => a.r - b.r);
  return ranked.map(x => x.e);
}
