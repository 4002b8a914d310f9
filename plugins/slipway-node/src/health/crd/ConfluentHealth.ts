import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaItems, scriptFailure, withMessage } from './luaValues';

/**
 * Confluent for Kubernetes platform components report a single phase:
 * RUNNING is Healthy, PROVISIONING Progressing; before the operator sets a
 * phase (or on any other phase) the component is still awaited.
 */
function phaseHealth(obj: KubeObject, component: string): ResourceHealth {
  const phase = at(obj, 'status', 'phase');
  if (phase === 'RUNNING') {
    return { status: 'Healthy', message: `${component} running` };
  }
  if (phase === 'PROVISIONING') {
    return { status: 'Progressing', message: `${component} provisioning` };
  }
  return { status: 'Progressing', message: `Waiting for ${component}` };
}

/** Confluent `Connect` cluster health from its phase. @public */
export function confluentConnectHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'Connect');
}

/** Confluent `ControlCenter` health from its phase. @public */
export function confluentControlCenterHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'ControlCenter');
}

/** Confluent `Kafka` cluster health from its phase. @public */
export function confluentKafkaHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'Kafka');
}

/** Confluent `KsqlDB` health from its phase. @public */
export function confluentKsqlDbHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'KsqlDB');
}

/** Confluent `SchemaRegistry` health from its phase. @public */
export function confluentSchemaRegistryHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'SchemaRegistry');
}

/** Confluent `Zookeeper` health from its phase. @public */
export function confluentZookeeperHealth(obj: KubeObject): ResourceHealth {
  return phaseHealth(obj, 'Zookeeper');
}

/**
 * The Degraded health of a connector in the ERROR state. The operator keeps
 * a single condition and nests the connector's errors in its message, so
 * that message is the explanation.
 */
function connectorErrorHealth(conditions: unknown): ResourceHealth {
  // Argo CD leaves null items out of the Lua table it hands the script, so
  // the first condition is the first one that is not null.
  const items = luaItems(conditions);
  if (items.length === 0) {
    return { status: 'Degraded', message: 'No conditions available' };
  }
  return withMessage('Degraded', record(items[0]).message);
}

/**
 * Confluent `Connector` health. A created connector that runs with no failed
 * task count reported is Healthy; the ERROR state or failed tasks are
 * Degraded; anything else is still Progressing.
 * @public
 */
export function confluentConnectorHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for Kafka Connector',
  };
  const status = at(obj, 'status');
  const state = at(status, 'state');
  if (isNil(status) || isNil(state)) return waiting;
  const failedTasks = at(status, 'failedTasksCount');
  // Healthy only while the operator reports no failed-task count at all (a
  // count of 0 is not enough).
  if (
    state === 'CREATED' &&
    at(status, 'connectorState') === 'RUNNING' &&
    isNil(failedTasks)
  ) {
    return { status: 'Healthy', message: 'Connector running' };
  }
  if (state === 'ERROR') return connectorErrorHealth(at(status, 'conditions'));
  if (isNil(failedTasks)) return waiting;
  if (typeof failedTasks !== 'number') {
    return scriptFailure('status.failedTasksCount is not a number');
  }
  return failedTasks > 0
    ? { status: 'Degraded', message: 'Connector has failed tasks' }
    : waiting;
}

/**
 * Slipway's checks for Confluent for Kubernetes kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const confluentHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'platform.confluent.io/Connect': confluentConnectHealth,
  'platform.confluent.io/Connector': confluentConnectorHealth,
  'platform.confluent.io/ControlCenter': confluentControlCenterHealth,
  'platform.confluent.io/Kafka': confluentKafkaHealth,
  'platform.confluent.io/KsqlDB': confluentKsqlDbHealth,
  'platform.confluent.io/SchemaRegistry': confluentSchemaRegistryHealth,
  'platform.confluent.io/Zookeeper': confluentZookeeperHealth,
};
