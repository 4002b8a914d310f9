import { KubeObject } from '../store/KubeObject';
import { ResourceType } from '../types/ResourceType';
import {
  FieldSelector,
  LabelSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './Selectors';
import { errors } from './Status';

/** The filters of a list or watch request. */
export interface ListFilter {
  namespace?: string;
  labels: LabelSelector;
  fields: FieldSelector;
}

export function listFilter(
  t: ResourceType,
  namespace: string | undefined,
  q: URLSearchParams,
): ListFilter {
  return {
    namespace,
    labels: parseLabelSelector(q.get('labelSelector') ?? undefined),
    fields: parseFieldSelector(q.get('fieldSelector') ?? undefined, t.kind),
  };
}

export function matches(f: ListFilter, o: KubeObject): boolean {
  if (f.namespace && o.metadata.namespace !== f.namespace) return false;
  if (f.labels.length && !matchesLabels(f.labels, o.metadata.labels))
    return false;
  if (f.fields.length && !matchesFields(f.fields, o)) return false;
  return true;
}

interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start }),
  ).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof v.rv !== 'number' || typeof v.start !== 'string')
      throw new Error('bad token');
    return { rv: v.rv, start: v.start };
  } catch {
    throw errors.badRequest(`continue key is not valid: ${token.slice(0, 40)}`);
  }
}

export function keyOf(o: KubeObject): string {
  return o.metadata.namespace
    ? `${o.metadata.namespace}/${o.metadata.name}`
    : o.metadata.name!;
}
