import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { HEALTH_ORDER, ResourceKey, SYNC_STATUS_CODES } from '@slipway/plugin-slipway-common';
import { propagationPolicyOf } from '@slipway/plugin-slipway-node';
import type { Request } from 'express';

/*
 * Query string checks. Every failure is an InputError (400) that says which
 * parameter is wrong and what to send instead.
 */

type Query = Request['query'];


/** The values of a parameter that may repeat (`?a=1&a=2`); empty values are dropped. */
export function repeated(query: Query, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.some(v => typeof v !== 'string')) {
    throw new InputError(`Query parameter '${name}' must be a plain value; send it as ?${name}=value (repeat it for several values)`);
  }
  const values = (list as string[]).map(v => v.trim()).filter(v => v !== '');
  return values.length > 0 ? values : undefined;
}

/** A parameter that may appear at most once. */
export function single(query: Query, name: string): string | undefined {
  const values = repeated(query, name);
  if (values && values.length > 1) {
    throw new InputError(`Query parameter '${name}' was given ${values.length} times; send it once`);
  }
  return values?.[0];
}

/** Entity refs in their canonical form (`kind:namespace/name`); the kind defaults to `defaultKind`. */
export function entityRefs(query: Query, name: string, defaultKind: string): string[] | undefined {
  return repeated(query, name)?.map(value => {
    try {
      return stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }));
    } catch (error) {
      throw new InputError(
        `Query parameter '${name}' has '${value}', which is not an entity ref: ${(error as Error).message}; send ${defaultKind}:<namespace>/<name>`,
      );
    }
  });
}

/** Status words, checked against the known words. */
export function statusWords(query: Query, name: 'sync' | 'health'): string[] | undefined {
  const known: readonly string[] = name === 'sync' ? SYNC_STATUS_CODES : HEALTH_ORDER;
  const values = repeated(query, name);
  const bad = values?.filter(v => !known.includes(v)) ?? [];
  if (bad.length > 0) {
    throw new InputError(`Query parameter '${name}' has unknown value(s) ${bad.join(', ')}; send one of ${known.join(', ')}`);
  }
  return values;
}

/** A page size from 1 to `max`, `fallback` when absent. */
export function pageSize(query: Query, fallback: number, max: number): number {
  const text = single(query, 'limit');
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new InputError(`Query parameter 'limit' must be a whole number from 1 to ${max}, got '${text}'`);
  }
  return value;
}

/** A comma-separated list (`fields=a,b`), checked against the allowed names. */
export function fieldList<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | undefined {
  const values = repeated(query, name)
    ?.flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  if (!values || values.length === 0) return undefined;
  const unknown = values.filter(v => !allowed.includes(v as T));
  if (unknown.length > 0) {
    throw new InputError(`Query parameter '${name}' has unknown field(s) ${unknown.join(', ')}; the fields are ${allowed.join(', ')}`);
  }
  return Array.from(new Set(values)) as T[];
}

/** The resource named by `group`, `kind`, `namespace` and `name` (group and namespace may be empty). */
export function resourceKeyQuery(query: Query): ResourceKey {
  const kind = single(query, 'kind');
  const name = single(query, 'name');
  if (!kind || !name) {
    throw new InputError(
      `Query parameters 'kind' and 'name' are required to name a resource; send ?group=apps&kind=Deployment&namespace=<namespace>&name=<name> (group empty for the core group, namespace empty for cluster-scoped kinds)`,
    );
  }
  return { group: single(query, 'group') ?? '', kind, namespace: single(query, 'namespace') ?? '', name };
}

/** The entity ref of the Application at `/applications/:namespace/:name`. */
export function applicationRefOf(params: { namespace?: string; name?: string }): string {
  const { namespace, name } = params;
  if (!namespace || !name) {
    throw new InputError('The path must name an application as /applications/<entity namespace>/<entity name>');
  }
  return stringifyEntityRef({ kind: 'application', namespace, name });
}

/** `propagationPolicy` of a resource deletion: foreground (the default, as Argo CD's), background or orphan. */
export function propagationPolicyQuery(query: Query): 'Foreground' | 'Background' | 'Orphan' {
  const value = single(query, 'propagationPolicy');
  if (value === undefined || value === '') return 'Foreground';
  const policy = propagationPolicyOf(value);
  if (!policy) {
    throw new InputError(`Query parameter 'propagationPolicy' must be foreground, background or orphan, got '${value}'`);
  }
  return policy;
}
