/*
 * Argo CD's parameter override files: `.argocd-source.yaml` and
 * `.argocd-source-<application>.yaml` in a source's folder. Argo CD Image
 * Updater's Git write-back records image tags in them, and Argo CD merges
 * them into the source before it picks the source type and renders (the
 * application's own file after the shared one).
 */
import {
  GO_YAML_OPTIONS,
  mergePatch,
  parseAllDocumentsLikeGo,
} from '@slipway/plugin-slipway-node';
import { isObject } from './isObject';
import type { ApplicationSource } from './types';

/** The shared override file of a source's folder. */
export const SHARED_OVERRIDE_FILE = '.argocd-source.yaml';

/** The override file of one application: Argo CD's instance name (`<namespace>_<name>` outside its own namespace). */
export function applicationOverrideFile(instanceName: string): string {
  return `.argocd-source-${instanceName}.yaml`;
}

/** The override files present among a folder's file names, in the order they are merged. */
export function overrideFilesIn(
  fileNames: string[],
  instanceName: string,
): string[] {
  const names = new Set(fileNames);
  return [SHARED_OVERRIDE_FILE, applicationOverrideFile(instanceName)].filter(
    f => names.has(f),
  );
}

type FieldType =
  | 'string'
  | 'boolean'
  | 'strings'
  | 'stringMap'
  | 'intOrString'
  | 'any'
  | Schema
  | [Schema];
interface Schema {
  [field: string]: FieldType;
}

const NAMED_VALUE: Schema = { name: 'string', value: 'string' };
const JSONNET_VARIABLE: Schema = { ...NAMED_VALUE, code: 'boolean' };

/** The fields of Argo CD's ApplicationSource, as its JSON decoding reads them. */
const SOURCE: Schema = {
  repoURL: 'string',
  path: 'string',
  targetRevision: 'string',
  chart: 'string',
  ref: 'string',
  name: 'string',
  helm: {
    valueFiles: 'strings',
    parameters: [{ ...NAMED_VALUE, forceString: 'boolean' }],
    fileParameters: [{ name: 'string', path: 'string' }],
    releaseName: 'string',
    values: 'string',
    valuesObject: 'any',
    version: 'string',
    passCredentials: 'boolean',
    ignoreMissingValueFiles: 'boolean',
    skipCrds: 'boolean',
    skipTests: 'boolean',
    skipSchemaValidation: 'boolean',
    namespace: 'string',
    kubeVersion: 'string',
    apiVersions: 'strings',
  },
  kustomize: {
    namePrefix: 'string',
    nameSuffix: 'string',
    images: 'strings',
    commonLabels: 'stringMap',
    commonAnnotations: 'stringMap',
    forceCommonLabels: 'boolean',
    forceCommonAnnotations: 'boolean',
    commonAnnotationsEnvsubst: 'boolean',
    labelWithoutSelector: 'boolean',
    labelIncludeTemplates: 'boolean',
    namespace: 'string',
    version: 'string',
    replicas: [{ name: 'string', count: 'intOrString' }],
    patches: 'any',
    components: 'strings',
    ignoreMissingComponents: 'boolean',
    kubeVersion: 'string',
    apiVersions: 'strings',
  },
  directory: {
    recurse: 'boolean',
    include: 'string',
    exclude: 'string',
    jsonnet: {
      extVars: [JSONNET_VARIABLE],
      tlas: [JSONNET_VARIABLE],
      libs: 'strings',
    },
  },
  plugin: 'any',
};

/** Fields an override file cannot change: which source it is stays the application's. */
const PROTECTED: Array<keyof ApplicationSource> = [
  'repoURL',
  'path',
  'targetRevision',
  'chart',
];

/** An override file that cannot be applied; the message names the field. */
export class SourceOverrideError extends Error {}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return isObject(value) ? 'a map' : `${typeof value} ${JSON.stringify(value)}`;
}

function checkLeaf(type: FieldType, value: unknown, at: string): void {
  const fail = (expected: string) => {
    throw new SourceOverrideError(
      `${at} must be ${expected}, not ${describe(value)}`,
    );
  };
  switch (type) {
    case 'string':
      if (typeof value !== 'string')
        fail('a string (quote numbers and booleans)');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'strings':
      if (!Array.isArray(value) || value.some(v => typeof v !== 'string'))
        fail('a list of strings');
      return;
    case 'stringMap':
      if (
        !isObject(value) ||
        Object.values(value).some(v => typeof v !== 'string')
      )
        fail('a map of strings');
      return;
    case 'intOrString':
      if (typeof value !== 'string' && !Number.isInteger(value))
        fail('an integer or a string');
      return;
    default:
  }
}

/**
 * The patch with its field names as Argo CD's types spell them (Go's JSON
 * decoding matches names regardless of case: Image Updater writes
 * `forcestring`) and its values checked; unknown fields are dropped, as
 * Argo CD drops them, and reported in `ignored`.
 */
function canonical(
  value: unknown,
  type: FieldType,
  at: string,
  ignored: string[],
): unknown {
  if (value === null || type === 'any') return value;
  if (typeof type === 'string') {
    checkLeaf(type, value, at);
    return value;
  }
  if (Array.isArray(type)) {
    if (!Array.isArray(value))
      throw new SourceOverrideError(
        `${at} must be a list, not ${describe(value)}`,
      );
    return value.map((item, i) =>
      canonical(item, type[0], `${at}[${i}]`, ignored),
    );
  }
  if (!isObject(value))
    throw new SourceOverrideError(
      `${at} must be a map, not ${describe(value)}`,
    );
  const fields = Object.keys(type);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field =
      fields.find(f => f === key) ??
      fields.find(f => f.toLowerCase() === key.toLowerCase());
    const path = at ? `${at}.${field ?? key}` : field ?? key;
    if (!field) ignored.push(path);
    else out[field] = canonical(v, type[field], path, ignored);
  }
  return out;
}

/** The file's first YAML document, read as Argo CD's YAML 1.1 reader does (`yes` is true). */
function parseOverride(
  file: string,
  text: string,
  maxAliasCount: number,
): unknown {
  const [doc] = parseAllDocumentsLikeGo(text, GO_YAML_OPTIONS);
  if (!doc) return null;
  if (doc.errors.length > 0) {
    throw new SourceOverrideError(
      `${file} is not valid YAML: ${doc.errors[0].message}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount }) ?? null;
  } catch (e) {
    throw new SourceOverrideError(
      `${file}: ${
        (e as Error).message
      } (more than ${maxAliasCount} alias expansions)`,
    );
  }
}

export interface SourceOverride {
  /** File name, for messages. */
  file: string;
  text: string;
}

/**
 * Merges override files into a source as Argo CD does: each file, in
 * order, is a JSON merge patch (maps merge, lists replace, `null` removes);
 * repoURL, path, targetRevision and chart stay the application's. Throws
 * {@link SourceOverrideError} naming the file and field that cannot be
 * read. Pure.
 */
export function applySourceOverrides(
  source: ApplicationSource,
  overrides: SourceOverride[],
  options: { maxAliasCount?: number } = {},
): { source: ApplicationSource; ignoredFields: string[] } {
  let merged: unknown = source;
  const ignoredFields: string[] = [];
  for (const { file, text } of overrides) {
    const patch = parseOverride(file, text, options.maxAliasCount ?? 100);
    // an empty file changes nothing, as in Argo CD
    if (patch === null) continue;
    if (!isObject(patch)) {
      throw new SourceOverrideError(
        `${file} must be a map of source fields (helm, kustomize, directory), not ${describe(
          patch,
        )}`,
      );
    }
    const ignored: string[] = [];
    try {
      merged = mergePatch(merged, canonical(patch, SOURCE, '', ignored));
    } catch (e) {
      if (e instanceof SourceOverrideError)
        throw new SourceOverrideError(`${file}: ${e.message}`);
      throw e;
    }
    ignoredFields.push(...ignored.map(f => `${file}: ${f}`));
  }
  const result: Record<string, unknown> = {
    ...(merged as Record<string, unknown>),
  };
  for (const field of PROTECTED) {
    if (source[field] === undefined) delete result[field];
    else result[field] = source[field];
  }
  return { source: result as unknown as ApplicationSource, ignoredFields };
}
