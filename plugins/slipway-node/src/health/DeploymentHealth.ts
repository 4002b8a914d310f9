import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, conditionsOf, findCondition, int, optInt, str } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * Deployment health, as `kubectl rollout status` judges a rollout: paused is
 * Suspended, a passed progress deadline is Degraded, a rollout that has not
 * replaced or made available every replica is Progressing.
 * @public
 */
export function deploymentHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'Deployment', ['apps/v1']);
  if (unsupported) return unsupported;
  if (at(obj, 'spec', 'paused') === true) {
    return { status: 'Suspended', message: 'Deployment is paused' };
  }
  const generation = int(obj.metadata?.generation);
  const status = at(obj, 'status');
  const observedGeneration = int(at(status, 'observedGeneration'));
  if (generation > observedGeneration) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed deployment generation less than desired generation',
    };
  }
  const progressing = findCondition(conditionsOf(obj), 'Progressing');
  const specReplicas = optInt(at(obj, 'spec', 'replicas'));
  const replicas = int(at(status, 'replicas'));
  const updated = int(at(status, 'updatedReplicas'));
  const available = int(at(status, 'availableReplicas'));
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      status: 'Degraded',
      message: `Deployment ${JSON.stringify(
        str(obj.metadata?.name),
      )} exceeded its progress deadline`,
    };
  }
  if (specReplicas !== undefined && updated < specReplicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${updated} out of ${specReplicas} new replicas have been updated...`,
    };
  }
  if (replicas > updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${
        replicas - updated
      } old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  return { status: 'Healthy' };
}
