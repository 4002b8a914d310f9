import type { HealthStatus, KubeObject } from '@slipway/plugin-slipway-common';
import { aggregateHealth } from '@slipway/plugin-slipway-node';
import type { ResourceStatus } from './types';

/** Argo CD's annotation that keeps a resource's health out of its application's. */
export const IGNORE_HEALTHCHECK_ANNOTATION =
  'argocd.argoproj.io/ignore-healthcheck';

/** One resource of a comparison, with its live object (null when missing). */
export interface HealthEntry {
  resource: ResourceStatus;
  live: KubeObject | null;
}

/**
 * The application's health from its resources' (hooks and `Skip` objects
 * already left out), as Argo CD 3.4 and later aggregate it: the worst
 * health of the live resources, those still in Git and those waiting to be
 * pruned alike, leaving out resources annotated
 * `argocd.argoproj.io/ignore-healthcheck: "true"`. A missing resource does
 * not count (OutOfSync already says it is missing) unless none of the
 * application's resources exists, which is Missing. The message names the
 * resource the status came from, when it has one.
 */
export function applicationHealth(
  entries: readonly HealthEntry[],
): HealthStatus {
  const counted = entries.filter(
    ({ live, resource }) =>
      live !== null &&
      resource.health !== undefined &&
      live.metadata?.annotations?.[IGNORE_HEALTHCHECK_ANNOTATION] !== 'true',
  );
  if (entries.length > 0 && entries.every(e => e.live === null)) {
    return withCause({ status: 'Missing' }, entries);
  }
  return withCause(
    aggregateHealth(counted.map(e => e.resource.health)),
    counted,
  );
}

/** The status, with the message of the first resource that has it, named. */
function withCause(
  health: HealthStatus,
  from: readonly HealthEntry[],
): HealthStatus {
  const cause = from.find(
    e =>
      e.resource.health?.status === health.status && e.resource.health.message,
  );
  if (!cause?.resource.health?.message) return health;
  const { kind, name } = cause.resource.key;
  return {
    ...health,
    message: `${kind}/${name}: ${cause.resource.health.message}`,
  };
}
