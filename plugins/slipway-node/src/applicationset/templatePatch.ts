/**
 * `templatePatch`: the rendered patch text is YAML or JSON. An object is
 * merged into the Application (maps merge recursively, `null` removes a
 * field, lists replace: strategic merge for Application, whose fields carry
 * no list merge keys, except metadata.finalizers, which are added to); a
 * list is an RFC 6902 JSON patch. `spec.project`
 * cannot be changed by a patch, as in Argo CD.
 */
import YAML from 'yaml';
import { isMap } from './gotemplate/values';
import { cloneData } from './params';

type Json = unknown;

/** Applies a merge patch (RFC 7386 semantics) and returns a new value. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return cloneData(patch);
  const out: Record<string, unknown> = isMap(target) ? cloneData(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`JSON pointer "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(
  doc: Json,
  parts: string[],
  op: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  let cur: Json = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isMap(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined)
      throw new Error(`${op}: path /${parts.join('/')} does not exist`);
  }
  if (!Array.isArray(cur) && !isMap(cur))
    throw new Error(`${op}: path /${parts.join('/')} does not exist`);
  return {
    parent: cur as Record<string, unknown> | unknown[],
    key: parts[parts.length - 1],
  };
}

function getAt(doc: Json, parts: string[], op: string): Json {
  let cur: Json = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isMap(cur) && Object.prototype.hasOwnProperty.call(cur, p))
      cur = cur[p];
    else throw new Error(`${op}: path /${parts.join('/')} does not exist`);
    if (cur === undefined)
      throw new Error(`${op}: path /${parts.join('/')} does not exist`);
  }
  return cur;
}

function arrayIndex(
  arr: unknown[],
  key: string,
  forAdd: boolean,
  op: string,
): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key))
    throw new Error(`${op}: "${key}" is not an array index`);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new Error(`${op}: index ${i} is out of range`);
  return i;
}

function add(doc: Json, parts: string[], value: Json, op: string): Json {
  if (parts.length === 0) return cloneData(value);
  const { parent, key } = parentOf(doc, parts, op);
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, key, true, op), 0, cloneData(value));
  else parent[key] = cloneData(value);
  return doc;
}

function remove(doc: Json, parts: string[], op: string): Json {
  if (parts.length === 0)
    throw new Error(`${op}: cannot remove the whole document`);
  const { parent, key } = parentOf(doc, parts, op);
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, key, false, op), 1);
  else if (Object.prototype.hasOwnProperty.call(parent, key))
    delete parent[key];
  else throw new Error(`${op}: path /${parts.join('/')} does not exist`);
  return doc;
}

/** Applies an RFC 6902 JSON patch and returns a new value. */
export function jsonPatch(target: Json, operations: unknown[]): Json {
  let doc = cloneData(target);
  operations.forEach((raw, i) => {
    if (
      !isMap(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new Error(`operation ${i} needs "op" and "path"`);
    }
    const op = `operation ${i} (${raw.op} ${raw.path})`;
    const parts = decodePointer(raw.path);
    switch (raw.op) {
      case 'add':
        doc = add(doc, parts, raw.value, op);
        break;
      case 'remove':
        doc = remove(doc, parts, op);
        break;
      case 'replace':
        getAt(doc, parts, op);
        doc =
          parts.length === 0
            ? cloneData(raw.value)
            : add(remove(doc, parts, op), parts, raw.value, op);
        break;
      case 'move':
      case 'copy': {
        if (typeof raw.from !== 'string')
          throw new Error(`${op}: needs "from"`);
        const from = decodePointer(raw.from);
        const value = cloneData(getAt(doc, from, op));
        if (raw.op === 'move') doc = remove(doc, from, op);
        doc = add(doc, parts, value, op);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, parts, op)) !== JSON.stringify(raw.value))
          throw new Error(`${op}: test failed`);
        break;
      default:
        throw new Error(
          `${op}: unknown op "${raw.op}" (use add, remove, replace, move, copy or test)`,
        );
    }
  });
  return doc;
}

/**
 * Parses rendered templatePatch text and applies it to an Application-shaped
 * object ({metadata, spec}); throws with a message saying what is wrong.
 */
export function applyTemplatePatch(
  app: Record<string, unknown>,
  patchText: string,
): Record<string, unknown> {
  let patch: unknown;
  try {
    patch = YAML.parse(patchText);
  } catch (e) {
    throw new Error(
      `rendered templatePatch is not valid YAML/JSON: ${(e as Error).message}`,
    );
  }
  if (patch === null || patch === undefined) return app;
  let result: unknown;
  if (Array.isArray(patch)) result = jsonPatch(app, patch);
  else if (isMap(patch)) {
    result = mergePatch(app, patch);
    // ObjectMeta.finalizers has patchStrategy "merge": the strategic merge
    // patch adds the patch's finalizers to the Application's.
    const before = isMap(app.metadata) ? app.metadata.finalizers : undefined;
    const added = isMap(patch.metadata) ? patch.metadata.finalizers : undefined;
    if (
      Array.isArray(before) &&
      Array.isArray(added) &&
      isMap(result) &&
      isMap(result.metadata)
    )
      result.metadata.finalizers = [...new Set([...before, ...added])];
  } else
    throw new Error(
      'rendered templatePatch must be a map (merge patch) or a list (JSON patch)',
    );
  if (!isMap(result)) throw new Error('templatePatch must leave an object');
  const project = isMap(app.spec) ? app.spec.project : undefined;
  if (isMap(result.spec)) {
    if (project === undefined) delete result.spec.project;
    else result.spec.project = project;
  }
  return result;
}
