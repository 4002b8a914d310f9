import { InputError } from '@backstage/errors';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';

/** Overrides of one environment, as kustomize expresses them. */
export interface KustomizeOverrides {
  /** New image tag (`images[].newTag`). */
  imageTag?: string;
  /** Which `images[].name` gets the tag; may be left out when there is one entry. */
  image?: string;
  /** Replica count (`replicas[].count`). */
  replicas?: number;
  /** Which `replicas[].name` gets the count; may be left out when there is one entry. */
  workload?: string;
}

function entryNamed(
  list: YAMLSeq,
  field: string,
  wanted: string | undefined,
  where: string,
  hint: string,
): YAMLMap | undefined {
  const entries = list.items.filter(isMap) as YAMLMap[];
  if (wanted !== undefined) {
    return entries.find(e => e.get('name') === wanted);
  }
  if (entries.length === 1) return entries[0];
  const names = entries.map(e => String(e.get('name'))).join(', ');
  throw new InputError(
    entries.length === 0
      ? `${where} has no '${field}' entry to change; ${hint}`
      : `${where} has several '${field}' entries (${names}); ${hint}`,
  );
}

function listOf(doc: ReturnType<typeof parseDocument>, key: string): YAMLSeq {
  const existing = doc.get(key);
  if (isSeq(existing)) return existing;
  if (existing !== undefined && existing !== null) {
    throw new InputError(`'${key}' of the kustomization is not a list; fix the file first`);
  }
  const created = doc.createNode([]) as YAMLSeq;
  doc.set(key, created);
  return created;
}

/**
 * Applies an environment's image tag and replica count to a
 * kustomization.yaml (kustomize `images` and `replicas` fields), keeping
 * comments and the order of everything else. `where` names the file in
 * error messages.
 */
export function applyKustomizeOverrides(
  yamlText: string,
  overrides: KustomizeOverrides,
  where: string,
): string {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    throw new InputError(`${where} is not valid YAML: ${doc.errors[0].message}`);
  }
  if (!isMap(doc.contents)) {
    throw new InputError(`${where} is not a kustomization (a YAML mapping)`);
  }
  if (overrides.imageTag !== undefined) {
    const images = listOf(doc, 'images');
    const entry = entryNamed(
      images,
      'images',
      overrides.image,
      where,
      "give the image name (input 'image') so the right entry gets the tag",
    );
    if (entry) {
      entry.set('newTag', overrides.imageTag);
    } else {
      images.add(doc.createNode({ name: overrides.image, newTag: overrides.imageTag }));
    }
  }
  if (overrides.replicas !== undefined) {
    const replicas = listOf(doc, 'replicas');
    const entry = entryNamed(
      replicas,
      'replicas',
      overrides.workload,
      where,
      "give the Deployment or StatefulSet name (input 'workload') so the right entry gets the count",
    );
    if (entry) {
      entry.set('count', overrides.replicas);
    } else {
      replicas.add(doc.createNode({ name: overrides.workload, count: overrides.replicas }));
    }
  }
  return doc.toString();
}
