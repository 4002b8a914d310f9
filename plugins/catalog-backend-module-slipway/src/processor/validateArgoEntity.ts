import { ARGOCD_API_VERSION } from '@slipway/plugin-slipway-common';

/** The Argo CD kinds the catalog accepts as entities. */
export const ARGO_KINDS = ['ApplicationSet', 'Application'] as const;

/** True when an entity is an Argo CD ApplicationSet or Application. */
export function isArgoEntity(entity: {
  apiVersion?: unknown;
  kind?: unknown;
}): boolean {
  return (
    entity.apiVersion === ARGOCD_API_VERSION &&
    (ARGO_KINDS as readonly unknown[]).includes(entity.kind)
  );
}

type Problems = string[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(problems: Problems, value: unknown, field: string) {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${field} must be a non-empty string`);
  }
}

function validateSource(problems: Problems, source: unknown, field: string) {
  if (!isObject(source)) {
    problems.push(`${field} must be an object`);
    return;
  }
  requireString(problems, source.repoURL, `${field}.repoURL`);
  if (source.chart === undefined && source.path === undefined && source.ref === undefined) {
    problems.push(`${field} needs 'path' (a folder in the repository) or 'chart' (a Helm chart)`);
  }
  for (const key of ['path', 'chart', 'targetRevision', 'ref']) {
    if (source[key] !== undefined && typeof source[key] !== 'string') {
      problems.push(`${field}.${key} must be a string`);
    }
  }
}

/** Validates an Application spec; `field` prefixes the messages. */
export function validateApplicationSpec(spec: unknown, field = 'spec'): Problems {
  const problems: Problems = [];
  if (!isObject(spec)) {
    return [`${field} must be an object`];
  }
  const hasSource = spec.source !== undefined;
  const hasSources = spec.sources !== undefined;
  if (!hasSource && !hasSources) {
    problems.push(`${field} needs 'source' or 'sources'`);
  }
  if (hasSource) validateSource(problems, spec.source, `${field}.source`);
  if (hasSources) {
    if (!Array.isArray(spec.sources) || spec.sources.length === 0) {
      problems.push(`${field}.sources must be a non-empty list`);
    } else {
      spec.sources.forEach((s, i) => validateSource(problems, s, `${field}.sources[${i}]`));
    }
  }
  if (!isObject(spec.destination)) {
    problems.push(`${field}.destination must be an object with 'server' or 'name'`);
  } else if (spec.destination.server === undefined && spec.destination.name === undefined) {
    problems.push(`${field}.destination needs 'server' or 'name'`);
  }
  if (spec.project !== undefined && typeof spec.project !== 'string') {
    problems.push(`${field}.project must be a string`);
  }
  return problems;
}

/** Validates an ApplicationSet spec. */
export function validateApplicationSetSpec(spec: unknown): Problems {
  const problems: Problems = [];
  if (!isObject(spec)) {
    return ['spec must be an object'];
  }
  if (!Array.isArray(spec.generators) || spec.generators.length === 0) {
    problems.push('spec.generators must be a non-empty list');
  } else {
    spec.generators.forEach((g, i) => {
      if (!isObject(g) || Object.keys(g).length === 0) {
        problems.push(`spec.generators[${i}] must name a generator (list, clusters, git, matrix, merge)`);
      }
    });
  }
  if (!isObject(spec.template)) {
    problems.push('spec.template must be an object with metadata and spec');
  } else if (!isObject(spec.template.metadata)) {
    problems.push('spec.template.metadata must be an object');
  }
  // The template spec may be completed by templatePatch, and its strings hold
  // parameters, so it is checked after expansion, not here.
  if (spec.goTemplate !== undefined && typeof spec.goTemplate !== 'boolean') {
    problems.push('spec.goTemplate must be true or false');
  }
  return problems;
}

/**
 * Validates an Argo CD entity; returns per-field problems, empty when valid.
 */
export function validateArgoEntity(entity: {
  kind: string;
  metadata?: { name?: unknown };
  spec?: unknown;
}): Problems {
  const problems: Problems = [];
  requireString(problems, entity.metadata?.name, 'metadata.name');
  if (entity.kind === 'ApplicationSet') {
    problems.push(...validateApplicationSetSpec(entity.spec));
  } else {
    problems.push(...validateApplicationSpec(entity.spec));
  }
  return problems;
}
