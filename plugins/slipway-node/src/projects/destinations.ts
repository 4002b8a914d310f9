import type { Config } from '@backstage/config';
import { matchGlob } from './glob';

/** A destination a project permits: cluster by server URL or name, and a namespace. */
export interface ProjectDestination {
  /** Server URL glob; `!` in front denies. */
  server?: string;
  /** Cluster name glob; `!` in front denies. */
  name?: string;
  /** Namespace glob; `!` in front denies. */
  namespace?: string;
}

/** Where an Application deploys: the destination with both cluster name and server when known. */
export interface ResolvedDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** The destinations of Argo CD's built-in `default` project: everything. */
export const DEFAULT_PROJECT_DESTINATIONS: readonly ProjectDestination[] = [
  { server: '*', name: '*', namespace: '*' },
];

/** Reads the `destinations` of one `slipway.projects[]` entry. */
export function readProjectDestinations(project: Config): ProjectDestination[] {
  return (project.getOptionalConfigArray('destinations') ?? []).map(d => ({
    server: d.getOptionalString('server'),
    name: d.getOptionalString('name'),
    namespace: d.getOptionalString('namespace'),
  }));
}

function negated(pattern: string | undefined): string | undefined {
  return pattern?.startsWith('!') ? pattern.slice(1) : undefined;
}

function fieldMatches(pattern: string | undefined, value: string | undefined): boolean {
  return value !== undefined && value !== '' && matchGlob(pattern ?? '', value);
}

function denies(rule: ProjectDestination, dst: ResolvedDestination): boolean {
  const server = negated(rule.server);
  const name = negated(rule.name);
  const namespace = negated(rule.namespace);
  return (
    (server !== undefined && fieldMatches(server, dst.server)) ||
    (name !== undefined && fieldMatches(name, dst.name)) ||
    (namespace !== undefined && matchGlob(namespace, dst.namespace ?? ''))
  );
}

function allows(rule: ProjectDestination, dst: ResolvedDestination): boolean {
  const cluster =
    fieldMatches(rule.server, dst.server) || fieldMatches(rule.name, dst.name);
  return cluster && matchGlob(rule.namespace ?? '', dst.namespace ?? '');
}

/**
 * Whether a project's destination rules allow a destination (Argo CD
 * `destinations`): some allow rule permits the cluster (by server or name)
 * and namespace, and no rule with a `!` pattern rejects it.
 */
export function isDestinationPermitted(
  project: { destinations: readonly ProjectDestination[] },
  dst: ResolvedDestination,
): boolean {
  let allowed = false;
  for (const rule of project.destinations) {
    const isDeny = [rule.server, rule.name, rule.namespace].some(p => p?.startsWith('!'));
    if (isDeny) {
      if (denies(rule, dst)) return false;
    } else if (allows(rule, dst)) {
      allowed = true;
    }
  }
  return allowed;
}
