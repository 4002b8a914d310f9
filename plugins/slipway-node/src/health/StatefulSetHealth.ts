import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, int, optInt, str } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * StatefulSet health, as `kubectl rollout status` judges it: the spec must
 * be observed, every replica ready, and a rolling update (or the partition
 * of it) complete. OnDelete sets are Healthy once their pods are ready.
 * @public
 */
export function statefulSetHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'StatefulSet', ['apps/v1']);
  if (unsupported) return unsupported;
  const status = at(obj, 'status');
  const observedGeneration = int(at(status, 'observedGeneration'));
  if (
    observedGeneration === 0 ||
    int(obj.metadata?.generation) > observedGeneration
  ) {
    return {
      status: 'Progressing',
      message: 'Waiting for statefulset spec update to be observed...',
    };
  }
  const replicas = optInt(at(obj, 'spec', 'replicas'));
  const ready = int(at(status, 'readyReplicas'));
  const updated = int(at(status, 'updatedReplicas'));
  if (replicas !== undefined && ready < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for ${replicas - ready} pods to be ready...`,
    };
  }
  const strategy = at(obj, 'spec', 'updateStrategy');
  const strategyType = str(at(strategy, 'type'));
  const rollingUpdate = at(strategy, 'rollingUpdate');
  if (
    strategyType === 'RollingUpdate' &&
    rollingUpdate !== undefined &&
    rollingUpdate !== null
  ) {
    const partition = optInt(at(rollingUpdate, 'partition'));
    if (replicas !== undefined && partition !== undefined) {
      const target = replicas - partition;
      if (updated < target) {
        return {
          status: 'Progressing',
          message: `Waiting for partitioned roll out to finish: ${updated} out of ${target} new pods have been updated...`,
        };
      }
    }
    return {
      status: 'Healthy',
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
    };
  }
  if (strategyType === 'OnDelete') {
    return {
      status: 'Healthy',
      message: `statefulset has ${ready} ready pods`,
    };
  }
  const updateRevision = str(at(status, 'updateRevision'));
  const currentRevision = str(at(status, 'currentRevision'));
  if (updateRevision !== currentRevision) {
    return {
      status: 'Progressing',
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    };
  }
  return {
    status: 'Healthy',
    message: `statefulset rolling update complete ${int(
      at(status, 'currentReplicas'),
    )} pods at revision ${currentRevision}...`,
  };
}
