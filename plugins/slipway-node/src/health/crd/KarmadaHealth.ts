import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaItems, scriptFailure } from './luaValues';

const INSUFFICIENT: ResourceHealth = {
  status: 'Progressing',
  message: 'Current resource status is insufficient',
};

const UNHEALTHY: ResourceHealth = {
  status: 'Degraded',
  message: 'Current resource status is unhealthy',
};

/**
 * The shared shape of Karmada's bindings: a binding is judged only once every
 * member cluster it was scheduled to (`spec.clusters`) has reported back in
 * `status.aggregatedStatus`. Then one Unhealthy member makes it Degraded, as
 * does a member of Unknown health whose work was not applied; an applied
 * member of Unknown health counts as fine. When `clustersOptional`, a binding
 * without `spec.clusters` is judged from whatever members reported.
 */
function bindingHealth(
  obj: KubeObject,
  clustersOptional: boolean,
): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return INSUFFICIENT;
  const spec = at(obj, 'spec');
  if (isNil(spec)) return scriptFailure('the binding has no spec');
  const clusters = at(spec, 'clusters');
  const members = luaItems(at(status, 'aggregatedStatus'));
  if (members.length === 0) return INSUFFICIENT;
  if (isNil(clusters)) {
    if (!clustersOptional) return INSUFFICIENT;
  } else if (luaItems(clusters).length !== members.length) {
    return INSUFFICIENT;
  }
  for (const member of members.map(record)) {
    if (member.health === 'Unhealthy') return UNHEALTHY;
    if (member.health === 'Unknown' && member.applied !== true) {
      return UNHEALTHY;
    }
  }
  return { status: 'Healthy' };
}

/**
 * Karmada `ResourceBinding` health. A binding made for a dependency of a
 * propagated resource (`propagateDeps`) has no `spec.clusters`; it is judged
 * from the members that reported.
 * @public
 */
export function resourceBindingHealth(obj: KubeObject): ResourceHealth {
  return bindingHealth(obj, true);
}

/**
 * Karmada `ClusterResourceBinding` health. Unlike `ResourceBinding`'s, Argo
 * CD's check still waits while `spec.clusters` is missing.
 * @public
 */
export function clusterResourceBindingHealth(obj: KubeObject): ResourceHealth {
  return bindingHealth(obj, false);
}

/**
 * Slipway's checks for Karmada's bindings, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const karmadaHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'work.karmada.io/ResourceBinding': resourceBindingHealth,
  'work.karmada.io/ClusterResourceBinding': clusterResourceBindingHealth,
};
