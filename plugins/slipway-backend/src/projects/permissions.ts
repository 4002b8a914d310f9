import type { ResourceKey } from '@slipway/plugin-slipway-common';
import {
  isDestinationPermitted,
  matchAllowDeny,
  matchGlob,
  normalizeRepoURL,
} from '@slipway/plugin-slipway-node';
import type { ResolvedDestination } from '@slipway/plugin-slipway-node';
import type { GroupKind, Project } from './types';

// The destination rules are shared with the scaffolder actions.
export { isDestinationPermitted };
export type { ResolvedDestination };

/** A condition that keeps an Application from being applied. */
export interface ProjectViolation {
  type: 'InvalidSpecError' | 'ResourceNotPermitted';
  message: string;
}

/** Whether the project allows a source repository (Argo CD `sourceRepos`). */
export function isSourcePermitted(project: Project, repoURL: string): boolean {
  return matchAllowDeny(project.sourceRepos, repoURL, {
    normalize: normalizeRepoURL,
    pathSeparator: true,
  });
}

function inList(list: readonly GroupKind[], group: string, kind: string): boolean {
  return list.some(gk => matchGlob(gk.group, group) && matchGlob(gk.kind, kind));
}

/**
 * Whether the project allows a kind (Argo CD's resource allow and deny lists):
 * cluster-scoped kinds must be in `clusterResourceWhitelist` (an empty list
 * allows none); namespaced kinds are allowed unless `namespaceResourceWhitelist`
 * is given and lacks them; the deny lists always win.
 */
export function isGroupKindPermitted(
  project: Project,
  group: string,
  kind: string,
  namespaced: boolean,
): boolean {
  if (namespaced) {
    const white = project.namespaceResourceWhitelist;
    const whitelisted = white === undefined || inList(white, group, kind);
    return whitelisted && !inList(project.namespaceResourceBlacklist, group, kind);
  }
  return (
    inList(project.clusterResourceWhitelist, group, kind) &&
    !inList(project.clusterResourceBlacklist, group, kind)
  );
}

/** The parts of an Application a project check reads. */
export interface ProjectCheckInput {
  /** Entity name, for messages. */
  name: string;
  /** The catalog namespace of the Application entity. */
  entityNamespace?: string;
  /** The catalog location the entity came from, when known. */
  originLocation?: string;
  repoURLs: string[];
  destination: ResolvedDestination;
}

function describeDestination(dst: ResolvedDestination): string {
  const cluster = dst.name ?? dst.server ?? '(no cluster)';
  return `cluster '${cluster}' namespace '${dst.namespace ?? ''}'`;
}

/**
 * Checks an Application's spec against its project: source repositories,
 * catalog namespace and location, destination. Returns the violations
 * (empty when permitted). Pure.
 */
export function checkApplication(project: Project, app: ProjectCheckInput): ProjectViolation[] {
  const violations: ProjectViolation[] = [];
  const invalid = (message: string) => violations.push({ type: 'InvalidSpecError', message });
  for (const repoURL of app.repoURLs) {
    if (!isSourcePermitted(project, repoURL)) {
      invalid(`application repo ${repoURL} is not permitted in project '${project.name}'; add it to the project's sourceRepos or use another project`);
    }
  }
  if (project.sourceNamespaces?.length && !matchAllowDeny(project.sourceNamespaces, app.entityNamespace ?? 'default')) {
    invalid(`application ${app.name} in catalog namespace '${app.entityNamespace ?? 'default'}' is not permitted in project '${project.name}' (sourceNamespaces)`);
  }
  if (project.catalogLocations?.length) {
    const location = app.originLocation;
    if (!location || !matchAllowDeny(project.catalogLocations, location)) {
      invalid(`application ${app.name} from catalog location '${location ?? '(unknown)'}' is not permitted in project '${project.name}' (catalogLocations)`);
    }
  }
  if (!isDestinationPermitted(project, app.destination)) {
    invalid(`application destination ${describeDestination(app.destination)} is not permitted in project '${project.name}'`);
  }
  return violations;
}

/**
 * Checks the resources an Application would apply: their kinds against the
 * project's allow and deny lists, and the namespaces of namespaced ones
 * against its destinations. A resource without a namespace is cluster-scoped.
 */
export function checkResources(
  project: Project,
  destination: ResolvedDestination,
  resources: ReadonlyArray<ResourceKey>,
): ProjectViolation[] {
  const violations: ProjectViolation[] = [];
  const seen = new Set<string>();
  for (const r of resources) {
    const namespaced = Boolean(r.namespace);
    const id = `${r.group}/${r.kind}/${r.namespace ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const gk = `${r.group ? `${r.group}/` : ''}${r.kind}`;
    if (!isGroupKindPermitted(project, r.group, r.kind, namespaced)) {
      violations.push({
        type: 'ResourceNotPermitted',
        message: `resource ${gk} ${r.name} is not permitted in project '${project.name}' (${namespaced ? 'namespace' : 'cluster'} resource lists)`,
      });
    } else if (namespaced && !isDestinationPermitted(project, { ...destination, namespace: r.namespace })) {
      violations.push({
        type: 'ResourceNotPermitted',
        message: `namespace '${r.namespace}' of ${gk} ${r.name} is not permitted in project '${project.name}'`,
      });
    }
  }
  return violations;
}
