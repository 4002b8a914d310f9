import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { isNil, rawConditionsOf } from '../fields';

/**
 * The health of a Prometheus Operator workload (Prometheus, Alertmanager,
 * ThanosRuler) from its `Available` condition; the last one in the list
 * decides. True is Healthy. Otherwise the object is Progressing while pods
 * are merely starting (reason SomePodsNotReady) and Degraded for any other
 * reason, quoting the condition's message, or its reason when it has no
 * message. Until the operator reports, the object is Progressing.
 */
function availableHealth(obj: KubeObject): ResourceHealth {
  let health: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for initialization',
  };
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Available') continue;
    if (c.status === 'True') {
      health = { status: 'Healthy', message: 'All instances are available' };
      continue;
    }
    // An empty message is still a message: only an absent one falls back.
    const quoted = isNil(c.message) ? c.reason : c.message;
    health = {
      status: c.reason === 'SomePodsNotReady' ? 'Progressing' : 'Degraded',
      ...(typeof quoted === 'string' ? { message: quoted } : {}),
    };
  }
  return health;
}

/** Prometheus Operator `Prometheus` health. @public */
export function prometheusHealth(obj: KubeObject): ResourceHealth {
  return availableHealth(obj);
}

/** Prometheus Operator `Alertmanager` health. @public */
export function alertmanagerHealth(obj: KubeObject): ResourceHealth {
  return availableHealth(obj);
}

/** Prometheus Operator `ThanosRuler` health. @public */
export function thanosRulerHealth(obj: KubeObject): ResourceHealth {
  return availableHealth(obj);
}

/**
 * Argo CD's bundled checks for the Prometheus Operator
 * (`monitoring.coreos.com`), keyed as its resource_customizations folders
 * are named.
 * @public
 */
export const prometheusOperatorHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'monitoring.coreos.com/Prometheus': prometheusHealth,
  'monitoring.coreos.com/Alertmanager': alertmanagerHealth,
  'monitoring.coreos.com/ThanosRuler': thanosRulerHealth,
};
