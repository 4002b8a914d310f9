import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import {
  luaEquals,
  luaOr,
  luaText,
  scriptFailure,
  withMessage,
} from './luaValues';

/**
 * Datadog Cluster Agent `DatadogMetric` health. An `Error` condition that is
 * True wins (its reason, when there is one, leads the message); then a
 * `Valid` condition that is False. Without either the metric is Healthy, even
 * before the agent reported anything: the check only looks for trouble.
 * @public
 */
export function datadogMetricHealth(obj: KubeObject): ResourceHealth {
  const conditions = rawConditionsOf(obj);
  const error = conditions.find(c => c.type === 'Error' && c.status === 'True');
  if (error) {
    const reason = luaOr(error.reason, '');
    const message = luaOr(error.message, 'DatadogMetric reported an error');
    if (reason === '') return withMessage('Degraded', message);
    const reasonText = luaText(reason);
    const messageText = luaText(message);
    if (reasonText === undefined || messageText === undefined) {
      return scriptFailure('the DatadogMetric Error condition is not text');
    }
    return { status: 'Degraded', message: `${reasonText}: ${messageText}` };
  }
  const invalid = conditions.find(
    c => c.type === 'Valid' && c.status === 'False',
  );
  if (invalid) {
    return withMessage(
      'Degraded',
      luaOr(invalid.message, 'DatadogMetric is not valid'),
    );
  }
  return { status: 'Healthy', message: 'DatadogMetric is healthy' };
}

/**
 * Jaeger operator `Jaeger` health from `status.phase`: Running or Failed,
 * with fixed messages (the operator gives no reason).
 * @public
 */
export function jaegerHealth(obj: KubeObject): ResourceHealth {
  const phase = at(obj, 'status', 'phase');
  if (phase === 'Running') {
    return { status: 'Healthy', message: 'Jaeger is Running' };
  }
  if (phase === 'Failed') {
    return { status: 'Degraded', message: 'Jaeger Failed For Some Reason' };
  }
  return { status: 'Progressing', message: 'Waiting for Jaeger' };
}

/**
 * Pravega ZooKeeper operator `ZookeeperCluster` health: Healthy once every
 * replica is ready. Argo CD compares the two counts as Lua values, so a
 * status that has neither count (both nil) also counts as Healthy, while
 * zero ready replicas never does.
 * @public
 */
export function zookeeperClusterHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (!isNil(status)) {
    const ready = at(status, 'readyReplicas');
    if (ready !== 0 && luaEquals(ready, at(status, 'replicas'))) {
      return {
        status: 'Healthy',
        message: 'All ZK Nodes have joined the ensemble',
      };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for ZK Nodes to join the ensemble',
  };
}

/**
 * Slipway's checks for application-level operators (Datadog metrics,
 * Jaeger, Pravega's ZooKeeper), keyed as Argo CD's resource_customizations
 * folders are named.
 * @public
 */
export const appOperatorsHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'datadoghq.com/DatadogMetric': datadogMetricHealth,
  'jaegertracing.io/Jaeger': jaegerHealth,
  'zookeeper.pravega.io/ZookeeperCluster': zookeeperClusterHealth,
};
