import { GO_YAML_OPTIONS, parseAllDocumentsLikeGo } from '@slipway/plugin-slipway-node';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { isObject } from './isObject';

/** A manifest text that is not a list of Kubernetes objects. */
export class ManifestParseError extends Error {
  /**
   * @param documentsBefore - YAML documents of the text read as objects
   * before the one that failed (Argo CD ignores an unrelated YAML file, one
   * whose first document is not an object, in a directory source).
   */
  constructor(message: string, readonly documentsBefore = 0) {
    super(message);
    this.name = 'ManifestParseError';
  }
}

export interface ParseManifestsOptions {
  /** Names the text in errors, e.g. a file path or `helm template`. */
  origin: string;
  maxAliasCount: number;
}

function toKubeObject(value: unknown, where: string): KubeObject {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new ManifestParseError(
      `${where} is not a Kubernetes object (it needs string fields apiVersion and kind); ` +
        'fix the manifest or exclude the file',
    );
  }
  if (value.metadata !== undefined && !isObject(value.metadata)) {
    throw new ManifestParseError(`${where} has a metadata field that is not an object`);
  }
  return { ...value, metadata: (value.metadata ?? {}) as KubeObject['metadata'] } as KubeObject;
}

/** Objects of kind `*List` with an `items` array are replaced by their items. */
function flatten(obj: KubeObject, where: string, out: KubeObject[]): void {
  if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach((item, i) => flatten(toKubeObject(item, `${where} item ${i + 1}`), where, out));
    return;
  }
  out.push(obj);
}

/**
 * The Kubernetes objects of one parsed value (e.g. an item of the JSON a
 * Jsonnet file evaluates to): `List` kinds are flattened; `where` names the
 * value in errors.
 */
export function toKubeObjects(value: unknown, where: string): KubeObject[] {
  const out: KubeObject[] = [];
  flatten(toKubeObject(value, where), where, out);
  return out;
}

/**
 * Parses YAML (multi-document) or JSON text into Kubernetes objects. Empty
 * documents are skipped; `List` kinds are flattened; YAML alias expansion is
 * bounded (a "billion laughs" document is refused).
 */
export function parseManifests(text: string, options: ParseManifestsOptions): KubeObject[] {
  const out: KubeObject[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      const values = Array.isArray(parsed) ? parsed : [parsed];
      values.forEach((v, i) =>
        flatten(toKubeObject(v, values.length > 1 ? `${options.origin} item ${i + 1}` : options.origin), options.origin, out),
      );
      return out;
    }
  }
  // as go-yaml reads it: quoted values continued at their key's indentation too
  const docs = parseAllDocumentsLikeGo(text, GO_YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  let decoded = 0;
  list.forEach((doc, i) => {
    const where = `${options.origin} document ${i + 1}`;
    if (doc.errors.length > 0) {
      throw new ManifestParseError(`${where} is not valid YAML: ${doc.errors[0].message}`, decoded);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: options.maxAliasCount });
    } catch (e) {
      throw new ManifestParseError(
        `${where}: ${(e as Error).message} (more than ${options.maxAliasCount} alias expansions)`,
        decoded,
      );
    }
    if (value === null || value === undefined) {
      return;
    }
    try {
      flatten(toKubeObject(value, where), where, out);
    } catch (e) {
      throw e instanceof ManifestParseError ? new ManifestParseError(e.message, decoded) : e;
    }
    decoded += 1;
  });
  return out;
}
