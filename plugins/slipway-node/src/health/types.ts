import type {
  HealthStatus,
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';

/**
 * The health of one resource. `aggregateAs`, when set, is the status that
 * counts towards the application's health instead of `status` (a suspended
 * Job, for instance, does not make its application Suspended).
 * @public
 */
export interface ResourceHealth extends HealthStatus {
  aggregateAs?: HealthStatusCode;
}

/**
 * A health check for one kind. It returns `undefined` when it cannot say
 * anything about the object. Checks are pure and synchronous.
 * @public
 */
export type HealthCheck = (obj: KubeObject) => ResourceHealth | undefined;

/** Every health word, for validating results that come from scripts. @public */
export const HEALTH_STATUS_CODES: readonly HealthStatusCode[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

/** True when the value is one of the health words. @public */
export function isHealthStatusCode(value: unknown): value is HealthStatusCode {
  return (
    typeof value === 'string' &&
    (HEALTH_STATUS_CODES as readonly string[]).includes(value)
  );
}
