import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { withMessage } from './luaValues';

/** Before Gloo has validated the resource in any namespace. */
const UPDATE_IN_PROGRESS: ResourceHealth = {
  status: 'Progressing',
  message: 'Update in progress',
};

/**
 * The health one Gloo validation status means. Gloo reports its state by
 * name or, in older releases, by enum number (Pending 0, Accepted 1,
 * Rejected 2, Warning 3). Warnings and rejections quote Gloo's reason; an
 * unknown state says nothing (undefined).
 */
function validationHealth(s: Record<string, any>): ResourceHealth | undefined {
  const state = s.state;
  if (state === 'Accepted' || state === 1) {
    return { status: 'Healthy', message: 'The resource has been validated' };
  }
  if (state === 'Warning' || state === 3) {
    return withMessage('Degraded', s.reason);
  }
  if (state === 'Pending' || state === 0) {
    return {
      status: 'Suspended',
      message: 'The resource has not yet been validated',
    };
  }
  if (state === 'Rejected' || state === 2) {
    return withMessage('Degraded', s.reason);
  }
  return undefined;
}

/**
 * Health of a Gloo Edge resource (the `gateway.solo.io` and `gloo.solo.io`
 * kinds share one script upstream). Current Gloo keeps one validation
 * status per reporting namespace in `status.statuses`: the first one (in
 * the order written) with a known state decides. Older Gloo wrote a single
 * status at the top of `status`, read when no namespaced one decided. With
 * neither, the update is still in progress.
 * @public
 */
export function glooResourceHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return UPDATE_IN_PROGRESS;
  const statuses = at(status, 'statuses');
  if (statuses !== null && typeof statuses === 'object') {
    for (const perNamespace of Object.values(statuses)) {
      const health = validationHealth(record(perNamespace));
      if (health) return health;
    }
  }
  if (!isNil(at(status, 'state'))) {
    return validationHealth(record(status)) ?? UPDATE_IN_PROGRESS;
  }
  return UPDATE_IN_PROGRESS;
}

/**
 * Argo CD's bundled checks for Gloo Edge (`gateway.solo.io` and
 * `gloo.solo.io`), keyed as its resource_customizations folders are named.
 * Every kind reads the same validation status.
 * @public
 */
export const glooHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'gateway.solo.io/Gateway': glooResourceHealth,
  'gateway.solo.io/MatchableHttpGateway': glooResourceHealth,
  'gateway.solo.io/RouteOption': glooResourceHealth,
  'gateway.solo.io/RouteTable': glooResourceHealth,
  'gateway.solo.io/VirtualHostOption': glooResourceHealth,
  'gateway.solo.io/VirtualService': glooResourceHealth,
  'gloo.solo.io/Proxy': glooResourceHealth,
  'gloo.solo.io/Settings': glooResourceHealth,
  'gloo.solo.io/Upstream': glooResourceHealth,
  'gloo.solo.io/UpstreamGroup': glooResourceHealth,
};
