import { apiVersionOf, ResourceType } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';

/** Version preference: GA before beta before alpha, higher numbers first. */
function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const stage = { alpha: 0, beta: 1 }[m[2] as 'alpha' | 'beta'] ?? 2;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

export function sortedVersions(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => versionRank(b) - versionRank(a));
}

function apiResource(t: ResourceType) {
  const base = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.verbs,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
    storageVersionHash: Buffer.from(`${t.group}/${t.version}/${t.kind}`)
      .toString('base64')
      .slice(0, 11),
  };
  const subs: object[] = [];
  if (t.statusSubresource) {
    subs.push({
      name: `${t.plural}/status`,
      singularName: '',
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (t.scaleSubresource) {
    subs.push({
      name: `${t.plural}/scale`,
      singularName: '',
      namespaced: t.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  }
  return [base, ...subs];
}

/** `/api/v1` or `/apis/{group}/{version}`. */
export function resourceList(
  types: TypeRegistry,
  group: string,
  version: string,
) {
  const list = types
    .all()
    .filter(t => t.group === group && t.version === version);
  if (list.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: list.flatMap(apiResource),
  };
}

export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, versions: string[]) {
  const gvs = versions.map(v => ({
    groupVersion: `${group}/${v}`,
    version: v,
  }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

/**
 * Group → served versions → types: the built-in and CRD ones, and the
 * aggregated ones with no types (their backend would list them; none
 * answers in kube-sim).
 */
function servedGroups(
  types: TypeRegistry,
): Map<string, Map<string, ResourceType[]>> {
  const groups = types.groups();
  for (const { group, version } of types.aggregatedVersions()) {
    let versions = groups.get(group);
    if (!versions) groups.set(group, (versions = new Map()));
    if (!versions.has(version)) versions.set(version, []);
  }
  return groups;
}

/** `/apis/{group}`. */
export function groupInfo(types: TypeRegistry, group: string) {
  const versions = servedGroups(types).get(group);
  if (!group || !versions) return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    ...apiGroup(group, sortedVersions(versions.keys())),
  };
}

/** `/apis` (legacy). */
export function groupList(types: TypeRegistry) {
  const groups = [...servedGroups(types)]
    .filter(([g]) => g !== '')
    .map(([g, versions]) => apiGroup(g, sortedVersions(versions.keys())));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** Aggregated discovery (apidiscovery.k8s.io/v2) for `/api` (core) or `/apis`. */
export function aggregatedDiscovery(
  types: TypeRegistry,
  core: boolean,
  apiVersion = 'apidiscovery.k8s.io/v2',
) {
  const items = [...servedGroups(types)]
    .filter(([g]) => (core ? g === '' : g !== ''))
    .map(([g, versions]) => ({
      metadata: { name: g, creationTimestamp: null },
      versions: sortedVersions(versions.keys()).map(v => ({
        version: v,
        resources: versions.get(v)!.map(t => ({
          resource: t.plural,
          responseKind: { group: t.group, version: t.version, kind: t.kind },
          scope: t.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: t.singular,
          verbs: t.verbs,
          ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
          ...(t.categories.length ? { categories: t.categories } : {}),
          ...(t.statusSubresource || t.scaleSubresource
            ? {
                subresources: [
                  ...(t.statusSubresource
                    ? [
                        {
                          subresource: 'status',
                          responseKind: {
                            group: t.group,
                            version: t.version,
                            kind: t.kind,
                          },
                          verbs: ['get', 'patch', 'update'],
                        },
                      ]
                    : []),
                  ...(t.scaleSubresource
                    ? [
                        {
                          subresource: 'scale',
                          responseKind: {
                            group: 'autoscaling',
                            version: 'v1',
                            kind: 'Scale',
                          },
                          verbs: ['get', 'patch', 'update'],
                        },
                      ]
                    : []),
                ],
              }
            : {}),
        })),
        // an aggregated API whose backend did not answer is published as Stale
        freshness: types.isAggregated(g, v) ? 'Stale' : 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

/**
 * The aggregated discovery version the client accepts, if any, from an
 * Accept header like `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`.
 */
export function wantsAggregated(
  accept: string | undefined,
): string | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const params = part.split(';').map(s => s.trim());
    if (params[0] !== 'application/json') continue;
    const kv = Object.fromEntries(
      params.slice(1).map(p => p.split('=') as [string, string]),
    );
    if (
      kv.as === 'APIGroupDiscoveryList' &&
      kv.g === 'apidiscovery.k8s.io' &&
      (kv.v === 'v2' || kv.v === 'v2beta1')
    ) {
      return `apidiscovery.k8s.io/${kv.v}`;
    }
    if (!kv.as) return undefined;
  }
  return undefined;
}

export { apiVersionOf };
