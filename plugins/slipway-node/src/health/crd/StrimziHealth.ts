import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { conditionsOf } from '../fields';

/**
 * The shape every Strimzi operator shares: it reports a `Ready` or a
 * `NotReady` condition. Conditions are read in order and the first one that
 * is true decides: NotReady is Degraded with the operator's message, Ready is
 * Healthy with no message. Until either appears the resource is Progressing
 * with `waitingMessage`. `skipReason` names a NotReady reason that is only
 * a transient state and so does not count as a failure.
 */
function strimziHealth(
  obj: KubeObject,
  waitingMessage: string,
  skipReason?: string,
): ResourceHealth {
  for (const c of conditionsOf(obj)) {
    if (
      c.type === 'NotReady' &&
      c.status === 'True' &&
      (skipReason === undefined || c.reason !== skipReason)
    ) {
      return { status: 'Degraded', message: c.message };
    }
    if (c.type === 'Ready' && c.status === 'True') {
      return { status: 'Healthy', message: '' };
    }
  }
  return { status: 'Progressing', message: waitingMessage };
}

/**
 * Strimzi `Kafka` cluster health. A new cluster reports NotReady with reason
 * `Creating` while its brokers start; that is progress, not a failure.
 * @public
 */
export function kafkaHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for Kafka Cluster', 'Creating');
}

/** Strimzi `KafkaBridge` health from its Ready/NotReady conditions. @public */
export function kafkaBridgeHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for KafkaBridge');
}

/** Strimzi `KafkaConnect` health from its Ready/NotReady conditions. @public */
export function kafkaConnectHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for Kafka Connect');
}

/** Strimzi `KafkaConnector` health from its Ready/NotReady conditions. @public */
export function kafkaConnectorHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for KafkaConnector');
}

/** Strimzi `KafkaTopic` health from its Ready/NotReady conditions. @public */
export function kafkaTopicHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for Kafka Topic');
}

/** Strimzi `KafkaUser` health from its Ready/NotReady conditions. @public */
export function kafkaUserHealth(obj: KubeObject): ResourceHealth {
  return strimziHealth(obj, 'Waiting for Kafka User');
}

/**
 * Slipway's checks for Strimzi kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const strimziHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'kafka.strimzi.io/Kafka': kafkaHealth,
  'kafka.strimzi.io/KafkaBridge': kafkaBridgeHealth,
  'kafka.strimzi.io/KafkaConnect': kafkaConnectHealth,
  'kafka.strimzi.io/KafkaConnector': kafkaConnectorHealth,
  'kafka.strimzi.io/KafkaTopic': kafkaTopicHealth,
  'kafka.strimzi.io/KafkaUser': kafkaUserHealth,
};
