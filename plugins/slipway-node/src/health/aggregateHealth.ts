import {
  HealthStatus,
  HealthStatusCode,
  worseHealth,
} from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';

/**
 * An application's health: the worst health among its resources
 * (Healthy < Suspended < Progressing < Missing < Degraded < Unknown).
 * A resource's `aggregateAs`, when set, counts instead of its status;
 * resources without a health are left out; no resources at all is Healthy.
 * @public
 */
export function aggregateHealth(
  children: Iterable<ResourceHealth | HealthStatus | undefined>,
): HealthStatus {
  let status: HealthStatusCode = 'Healthy';
  for (const child of children) {
    if (!child) continue;
    const counted =
      ('aggregateAs' in child && child.aggregateAs) || child.status;
    status = worseHealth(status, counted);
  }
  return { status };
}
