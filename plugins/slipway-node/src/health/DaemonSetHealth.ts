import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, int, str } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * DaemonSet health, as `kubectl rollout status` judges it: every scheduled
 * pod updated and available. OnDelete sets are Healthy once observed.
 * @public
 */
export function daemonSetHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'DaemonSet', ['apps/v1']);
  if (unsupported) return unsupported;
  const status = at(obj, 'status');
  if (int(obj.metadata?.generation) > int(at(status, 'observedGeneration'))) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    };
  }
  const updated = int(at(status, 'updatedNumberScheduled'));
  const desired = int(at(status, 'desiredNumberScheduled'));
  const available = int(at(status, 'numberAvailable'));
  const name = JSON.stringify(str(obj.metadata?.name));
  if (str(at(obj, 'spec', 'updateStrategy', 'type')) === 'OnDelete') {
    return {
      status: 'Healthy',
      message: `daemon set ${updated} out of ${desired} new pods have been updated`,
    };
  }
  if (updated < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    };
  }
  if (available < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`,
    };
  }
  return { status: 'Healthy' };
}
