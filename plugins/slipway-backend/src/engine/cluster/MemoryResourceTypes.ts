import type { KubeObject } from '@slipway/plugin-slipway-common';
import { ApiResourceInfo, ObjectRef, splitApiVersion } from './ClusterClient';

/*
 * The types the in-memory cluster client serves, and how it keys, selects
 * and describes their objects.
 */

/** A resource type served by the in-memory cluster client. @public */
export interface MemoryResourceType {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** The types every in-memory cluster serves. */
export const BUILTIN_TYPES: MemoryResourceType[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
  },
  { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
  },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true },
];

/** The store key of an object: group, kind, namespace (when namespaced) and name. */
export function keyOf(ref: ObjectRef, namespaced: boolean): string {
  const { group } = splitApiVersion(ref.apiVersion);
  return `${group}/${ref.kind}/${namespaced ? ref.namespace ?? '' : ''}/${
    ref.name
  }`;
}

/** Whether an object's labels match an equality-based label selector. */
export function matchesSelector(obj: KubeObject, selector?: string): boolean {
  if (!selector) return true;
  const labels = obj.metadata?.labels ?? {};
  return selector.split(',').every(raw => {
    const term = raw.trim();
    if (!term) return true;
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    const ne = term.indexOf('!=');
    if (ne >= 0) return labels[term.slice(0, ne)] !== term.slice(ne + 2);
    const eq = term.indexOf('=');
    if (eq >= 0)
      return labels[term.slice(0, eq)] === term.slice(eq + 1).replace(/^=/, '');
    return term in labels;
  });
}

/** A type as discovery reports it. */
export function toInfo(t: MemoryResourceType): ApiResourceInfo {
  const { group, version } = splitApiVersion(t.apiVersion);
  return {
    group,
    version,
    apiVersion: t.apiVersion,
    kind: t.kind,
    plural: t.plural,
    namespaced: t.namespaced,
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    preferred: true,
  };
}
