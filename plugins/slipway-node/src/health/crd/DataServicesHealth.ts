import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import type { Condition } from '../fields';
import { at, conditionsOf, isNil } from '../fields';

/** The last condition of a type: later entries overwrite earlier ones upstream. */
function lastOfType(
  conditions: Condition[],
  type: string,
): Condition | undefined {
  return conditions.filter(c => c.type === type).pop();
}

/**
 * RabbitMQ cluster-operator `RabbitmqCluster` health. A failed reconcile
 * (`ReconcileSuccess` False) is Degraded with the operator's message. The
 * operator briefly reports `ClusterAvailable`/`AllReplicasReady` as Unknown
 * while the cluster forms, so Unknown is Progressing, not Degraded. A cluster
 * deliberately scaled to zero replicas is Suspended; otherwise it is Healthy
 * once both conditions are True and Progressing until then.
 * @public
 */
export function rabbitmqClusterHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for RabbitMQ Operator',
  };
  if (isNil(at(obj, 'status', 'conditions'))) return waiting;
  const conditions = conditionsOf(obj);
  const failed = conditions.find(
    c => c.type === 'ReconcileSuccess' && c.status === 'False',
  );
  if (failed) return { status: 'Degraded', message: failed.message };
  const available = lastOfType(conditions, 'ClusterAvailable');
  const replicas = lastOfType(conditions, 'AllReplicasReady');
  if (available?.status === 'Unknown' || replicas?.status === 'Unknown') {
    return {
      status: 'Progressing',
      message: 'Waiting for RabbitMQ cluster readiness (conditions unknown)',
    };
  }
  if (
    replicas?.reason === 'ScaledToZero' &&
    replicas.status === 'False' &&
    at(obj, 'spec', 'replicas') === 0
  ) {
    return {
      status: 'Suspended',
      message: 'RabbitmqCluster is scaled to 0 replicas',
    };
  }
  if (available?.status === 'False') {
    return {
      status: 'Progressing',
      message: 'Waiting for RabbitMQ cluster formation',
    };
  }
  if (replicas?.status === 'False') {
    return {
      status: 'Progressing',
      message: 'Waiting for RabbitMQ instances ready',
    };
  }
  if (available?.status === 'True' && replicas?.status === 'True') {
    return { status: 'Healthy', message: 'RabbitMQ cluster ready' };
  }
  return waiting;
}

/**
 * Slipway's checks for data services operators (so far RabbitMQ's cluster
 * operator), keyed as Argo CD's resource_customizations folders are named.
 * @public
 */
export const dataServicesHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'rabbitmq.com/RabbitmqCluster': rabbitmqClusterHealth,
};
