import { errors } from '../api/Status';
import { clone, deepEqual, isObject } from '../util/objects';

/** RFC 6902 JSON Patch. Returns a new document; the input is not modified. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw errors.badRequest('json patch must be a JSON array of operations');
  }
  let root: any = clone(doc);
  for (const op of ops) {
    if (
      !isObject(op) ||
      typeof op.op !== 'string' ||
      typeof op.path !== 'string'
    ) {
      throw errors.badRequest(
        `invalid json patch operation: ${JSON.stringify(op)}`,
      );
    }
    switch (op.op) {
      case 'add':
        root = put(root, op.path, clone(op.value), 'add');
        break;
      case 'replace':
        get(root, op.path, true);
        root = put(root, op.path, clone(op.value), 'replace');
        break;
      case 'remove':
        root = remove(root, op.path);
        break;
      case 'move': {
        const v = get(root, op.from, true);
        root = remove(root, op.from);
        root = put(root, op.path, v, 'add');
        break;
      }
      case 'copy':
        root = put(root, op.path, clone(get(root, op.from, true)), 'add');
        break;
      case 'test':
        if (!deepEqual(get(root, op.path, true), op.value)) {
          throw errors.invalid('', '', [
            {
              field: op.path,
              message: `testing value ${JSON.stringify(op.value)} failed`,
            },
          ]);
        }
        break;
      default:
        throw errors.badRequest(`unexpected json patch operation "${op.op}"`);
    }
  }
  return root;
}

function tokens(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw errors.badRequest(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(root: any, path: string, required: boolean): any {
  let cur = root;
  for (const t of tokens(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) break;
  }
  if (cur === undefined && required) {
    throw errors.invalid('', '', [
      { field: path, message: 'path does not exist' },
    ]);
  }
  return cur;
}

function parentOf(root: any, path: string): [any, string] {
  const ts = tokens(path);
  if (ts.length === 0) return [undefined, ''];
  const last = ts.pop()!;
  let cur = root;
  for (const t of ts) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else cur = isObject(cur) ? cur[t] : undefined;
    if (cur === undefined) {
      throw errors.invalid('', '', [{ field: path, message: 'missing path' }]);
    }
  }
  return [cur, last];
}

function put(
  root: any,
  path: string,
  value: any,
  mode: 'add' | 'replace',
): any {
  const [parent, key] = parentOf(root, path);
  if (parent === undefined) return value;
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) {
      throw errors.invalid('', '', [
        { field: path, message: 'index out of bounds' },
      ]);
    }
    if (mode === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) {
    parent[key] = value;
  } else {
    throw errors.invalid('', '', [
      { field: path, message: 'parent is not a container' },
    ]);
  }
  return root;
}

function remove(root: any, path: string): any {
  const [parent, key] = parentOf(root, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) {
      throw errors.invalid('', '', [
        { field: path, message: 'index out of bounds' },
      ]);
    }
    parent.splice(i, 1);
  } else if (isObject(parent) && key in parent) {
    delete parent[key];
  } else {
    throw errors.invalid('', '', [
      { field: path, message: 'path does not exist' },
    ]);
  }
  return root;
}
