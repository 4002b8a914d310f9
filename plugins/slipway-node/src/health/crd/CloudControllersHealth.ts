import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, conditionsOf, isNil } from '../fields';

/**
 * True while the controller has not yet reported on the latest spec: an
 * `observedGeneration` that differs from `metadata.generation`. A status
 * without `observedGeneration` is taken as current.
 */
function isStale(obj: KubeObject): boolean {
  const observed = at(obj, 'status', 'observedGeneration');
  return !isNil(observed) && observed !== obj.metadata?.generation;
}

/** Config Connector condition reasons and the health each one means. */
const CNRM_REASONS: Record<string, ResourceHealth['status']> = {
  UpdateFailed: 'Degraded',
  DependencyNotFound: 'Degraded',
  DependencyNotReady: 'Suspended',
};

/**
 * Google Config Connector resources (`*.cnrm.cloud.google.com`, Argo CD's
 * `_.cnrm.cloud.google.com/_`). The operator's own `ConfigConnector` and
 * `ConfigConnectorContext` report `status.healthy`; every other resource is
 * judged by the reason of its first telling condition: UpToDate (when True)
 * is Healthy, UpdateFailed and DependencyNotFound Degraded,
 * DependencyNotReady Suspended, each with the condition's message. A stale
 * status, or none of these, is "Update in progress".
 * @public
 */
export function configConnectorHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const inProgress: ResourceHealth = {
    status: 'Progressing',
    message: 'Update in progress',
  };
  if (isNil(status) || isStale(obj)) return inProgress;
  const healthy = at(status, 'healthy');
  if (
    (obj.kind === 'ConfigConnector' || obj.kind === 'ConfigConnectorContext') &&
    !isNil(healthy)
  ) {
    return healthy === true
      ? { status: 'Healthy', message: `${obj.kind} is healthy` }
      : { status: 'Degraded', message: `${obj.kind} is not healthy` };
  }
  for (const c of conditionsOf(obj)) {
    if (c.reason === 'UpToDate' && c.status === 'True') {
      return { status: 'Healthy', message: c.message };
    }
    if (Object.prototype.hasOwnProperty.call(CNRM_REASONS, c.reason)) {
      return { status: CNRM_REASONS[c.reason], message: c.message };
    }
  }
  return inProgress;
}

/**
 * AWS Controllers for Kubernetes resources (`*.services.k8s.aws`, Argo CD's
 * `_.services.k8s.aws/_`): a True `ACK.Terminal` condition is Degraded; the
 * first `Ready` condition that is True or False decides otherwise (True:
 * Healthy without message, False: Progressing with its message).
 * @public
 */
export function ackResourceHealth(obj: KubeObject): ResourceHealth {
  for (const c of conditionsOf(obj)) {
    if (c.type === 'ACK.Terminal' && c.status === 'True') {
      return { status: 'Degraded', message: c.message };
    }
    if (c.type === 'Ready' && c.status === 'False') {
      return { status: 'Progressing', message: c.message };
    }
    if (c.type === 'Ready' && c.status === 'True') {
      return { status: 'Healthy', message: '' };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for resource to be ready',
  };
}

/**
 * Argo CD's bundled health checks for the cloud providers' Kubernetes
 * controllers, keyed as its resource_customizations folders are named.
 * @public
 */
export const cloudControllersHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  '_.cnrm.cloud.google.com/_': configConnectorHealth,
  '_.services.k8s.aws/_': ackResourceHealth,
};
