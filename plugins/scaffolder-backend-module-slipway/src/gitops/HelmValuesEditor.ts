import { InputError } from '@backstage/errors';
import { isMap, parseDocument } from 'yaml';

/** Overrides of one environment, as a Helm values file expresses them. */
export interface HelmValuesOverrides {
  /** Set as `image.tag`, the convention of `helm create` charts. */
  imageTag?: string;
  /** Set as `replicaCount`, the convention of `helm create` charts. */
  replicas?: number;
  /** Merged into the file: mappings merge key by key, everything else replaces. */
  values?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaf paths of `values`: mappings are walked, lists and scalars are leaves. */
function leaves(
  values: Record<string, unknown>,
  prefix: string[] = [],
): Array<[string[], unknown]> {
  const out: Array<[string[], unknown]> = [];
  for (const [key, value] of Object.entries(values)) {
    const p = [...prefix, key];
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      out.push(...leaves(value, p));
    } else {
      out.push([p, value]);
    }
  }
  return out;
}

/**
 * Applies an environment's overrides to a Helm values file, keeping its
 * comments and key order. A value whose parent is not a mapping is an
 * error naming the key. `where` names the file in error messages.
 */
export function applyHelmValuesOverrides(
  yamlText: string,
  overrides: HelmValuesOverrides,
  where: string,
): string {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    throw new InputError(`${where} is not valid YAML: ${doc.errors[0].message}`);
  }
  if (doc.contents === null || doc.contents === undefined) {
    doc.contents = doc.createNode({}) as any;
  }
  if (!isMap(doc.contents)) {
    throw new InputError(`${where} is not a Helm values file (a YAML mapping)`);
  }
  const sets: Array<[string[], unknown]> = [];
  if (overrides.values) sets.push(...leaves(overrides.values));
  if (overrides.imageTag !== undefined) sets.push([['image', 'tag'], overrides.imageTag]);
  if (overrides.replicas !== undefined) sets.push([['replicaCount'], overrides.replicas]);
  for (const [keyPath, value] of sets) {
    for (let i = 1; i < keyPath.length; i++) {
      const parent = doc.getIn(keyPath.slice(0, i), true);
      if (parent !== undefined && !isMap(parent)) {
        throw new InputError(
          `${where}: cannot set '${keyPath.join('.')}' because '${keyPath
            .slice(0, i)
            .join('.')}' is not a mapping there`,
        );
      }
    }
    // A plain value (not a node) replaces only the scalar's value, so its
    // comment and quoting stay.
    const isScalarValue = value === null || typeof value !== 'object';
    doc.setIn(keyPath, isScalarValue ? value : doc.createNode(value));
  }
  return doc.toString();
}
