/** A served resource: what discovery advertises and what the router dispatches on. */
export interface ResourceType {
  /** API group, '' for the core group. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Lower-case plural used in URLs, e.g. `deployments`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** True when the type has a `/status` subresource. */
  statusSubresource: boolean;
  /** True when the type has a `/scale` subresource. */
  scaleSubresource?: boolean;
  /** Custom resources do not accept strategic merge patches. */
  custom: boolean;
}

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export function apiVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Key of a resource type independent of version: `apps/deployments`. */
export function resourceKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}
