import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, conditionsOf, findCondition, int, optInt } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * ReplicaSet health: a true `ReplicaFailure` condition is Degraded; fewer
 * available replicas than desired is Progressing.
 * @public
 */
export function replicaSetHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'ReplicaSet', ['apps/v1']);
  if (unsupported) return unsupported;
  const status = at(obj, 'status');
  if (int(obj.metadata?.generation) > int(at(status, 'observedGeneration'))) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed replica set generation less than desired generation',
    };
  }
  const failure = findCondition(conditionsOf(obj), 'ReplicaFailure');
  if (failure && failure.status === 'True') {
    return { status: 'Degraded', message: failure.message };
  }
  const replicas = optInt(at(obj, 'spec', 'replicas'));
  const available = int(at(status, 'availableReplicas'));
  if (replicas !== undefined && available < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`,
    };
  }
  return { status: 'Healthy' };
}
