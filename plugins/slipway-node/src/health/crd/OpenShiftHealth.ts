import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';

const INSTALL_PLAN_PENDING =
  'An install plan for a subscription is pending installation';

/** Subscription conditions that mean OLM cannot install or upgrade. */
const SUBSCRIPTION_FAILURES = [
  'CatalogSourcesUnhealthy',
  'InstallPlanFailed',
  'ResolutionFailed',
];

/**
 * OLM `Subscription` health. A True InstallPlanPending is Progressing; a
 * True catalog, install-plan or resolution failure is Degraded, and so is
 * any InstallPlanMissing condition, whatever its status, unless its reason
 * is ReferencedInstallPlanNotFound (OLM garbage-collects finished install
 * plans). Both Healthy and Degraded list every condition as
 * `<n>: <type> | <status>` lines, numbered from 1, as Argo CD does. Without
 * conditions the subscription is Progressing.
 * @public
 */
export function subscriptionHealth(obj: KubeObject): ResourceHealth {
  const conditions = at(obj, 'status', 'conditions');
  if (isNil(conditions)) {
    return { status: 'Progressing', message: INSTALL_PLAN_PENDING };
  }
  let pending = 0;
  let failed = 0;
  let message = '';
  for (const [i, c] of list(conditions).map(record).entries()) {
    if (typeof c.type !== 'string' || typeof c.status !== 'string') {
      // Argo CD's script stops with a Lua error here: Unknown.
      return {
        status: 'Unknown',
        message: `Subscription condition ${i + 1} has no type or status`,
      };
    }
    message += `${i + 1}: ${c.type} | ${c.status}\n`;
    if (c.type === 'InstallPlanPending' && c.status === 'True') {
      pending++;
    } else if (
      c.type === 'InstallPlanMissing' &&
      c.reason !== 'ReferencedInstallPlanNotFound'
    ) {
      failed++;
    } else if (SUBSCRIPTION_FAILURES.includes(c.type) && c.status === 'True') {
      failed++;
    }
  }
  if (failed > 0) return { status: 'Degraded', message };
  if (pending > 0) {
    return { status: 'Progressing', message: INSTALL_PLAN_PENDING };
  }
  return { status: 'Healthy', message };
}

/**
 * OpenShift `Route` health from the Admitted condition each router writes
 * under `status.ingress`: Healthy once there are at least as many True
 * Admitted conditions as routers (so a Route with an empty ingress list is
 * Healthy), Degraded when a router refused it, otherwise Progressing.
 * @public
 */
export function routeHealth(obj: KubeObject): ResourceHealth {
  const admitting = {
    status: 'Progressing',
    message: 'Route is still getting admitted',
  } as const;
  const ingress = at(obj, 'status', 'ingress');
  if (isNil(ingress)) return admitting;
  const routers = list(ingress);
  let admitted = 0;
  let refused = 0;
  for (const router of routers) {
    const conditions = at(router, 'conditions');
    if (!Array.isArray(conditions)) {
      // Argo CD's script stops with a Lua error here: Unknown.
      return { status: 'Unknown', message: 'Route ingress has no conditions' };
    }
    for (const c of conditions.map(record)) {
      if (c.type !== 'Admitted') continue;
      if (c.status === 'True') admitted++;
      else if (c.status === 'False') refused++;
    }
  }
  if (admitted >= routers.length) {
    return { status: 'Healthy', message: 'Route is healthy' };
  }
  if (refused > 0) return { status: 'Degraded', message: 'Route is degraded' };
  return admitting;
}

/**
 * OpenShift `DeploymentConfig` health, read once the controller reports
 * both conditions and replicas: Available and a rolled-out Progressing
 * (reason NewReplicationControllerAvailable) together, or zero replicas,
 * are Healthy; exactly one of the two is Progressing; neither (or a
 * duplicated condition, making three or more) is Degraded.
 * @public
 */
export function deploymentConfigHealth(obj: KubeObject): ResourceHealth {
  const waiting = {
    status: 'Progressing',
    message: 'replication controller is waiting for pods to run',
  } as const;
  const status = at(obj, 'status');
  if (isNil(at(status, 'conditions')) || isNil(at(status, 'replicas'))) {
    return waiting;
  }
  const done = list(at(status, 'conditions'))
    .map(record)
    .filter(
      c =>
        c.status === 'True' &&
        (c.type === 'Available' ||
          (c.type === 'Progressing' &&
            c.reason === 'NewReplicationControllerAvailable')),
    ).length;
  if (done === 2 || at(status, 'replicas') === 0) {
    return {
      status: 'Healthy',
      message: 'replication controller successfully rolled out',
    };
  }
  if (done === 1) return waiting;
  return { status: 'Degraded', message: 'Deployment config is degraded' };
}

/**
 * Argo CD's bundled checks for OpenShift and OLM kinds, keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const openShiftHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'operators.coreos.com/Subscription': subscriptionHealth,
  'route.openshift.io/Route': routeHealth,
  'apps.openshift.io/DeploymentConfig': deploymentConfigHealth,
};
