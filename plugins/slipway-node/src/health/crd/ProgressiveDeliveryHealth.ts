import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, scriptFailure, withMessage } from './luaValues';

/** What Argo CD shows for a Kruise Rollout it cannot place more precisely. */
const STILL_PROGRESSING: ResourceHealth = {
  status: 'Progressing',
  message: 'Rollout is still progressing',
};

/**
 * OpenKruise `Rollout` (rollouts.kruise.io) health. Only a status that
 * describes the current generation is read: the canary step state together
 * with the phase tells a completed rollout (Healthy), one paused for manual
 * confirmation (Suspended) and one disabled or terminating mid-step
 * (Degraded) apart; everything else is still progressing.
 *
 * Upstream reads `status.observedGeneration` and then
 * `status.canaryStatus.currentStepState` without checking the parents
 * (an error, so Unknown, when either is missing).
 * @public
 */
export function kruiseRolloutHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return scriptFailure('status is missing');
  if (!luaEquals(obj.metadata?.generation, at(status, 'observedGeneration'))) {
    return STILL_PROGRESSING;
  }
  const canary = at(status, 'canaryStatus');
  if (isNil(canary)) return scriptFailure('status.canaryStatus is missing');
  const step = at(canary, 'currentStepState');
  const phase = at(status, 'phase');
  if (step === 'StepPaused' && phase === 'Progressing') {
    return {
      status: 'Suspended',
      message: 'Rollout is Paused need manual intervention',
    };
  }
  if (step === 'Completed' && phase === 'Healthy') {
    return { status: 'Healthy', message: 'Rollout is Completed' };
  }
  if (
    step === 'StepPaused' &&
    (phase === 'Terminating' || phase === 'Disabled')
  ) {
    return {
      status: 'Degraded',
      message: 'Rollout is Disabled or Terminating',
    };
  }
  // StepUpgrade while Progressing lands here too, by name.
  return STILL_PROGRESSING;
}

/**
 * Spot Ocean `SpotDeployment` health, after Argo Rollouts' conditions: an
 * invalid spec, an aborted rollout or an exceeded progress deadline is
 * Degraded (with the condition's message), a true Paused condition
 * Suspended, the Progressing phase Progressing, anything else Healthy.
 * Without conditions Argo CD shows no health at all, so neither does this.
 * @public
 */
export function spotDeploymentHealth(
  obj: KubeObject,
): ResourceHealth | undefined {
  if (isNil(at(obj, 'status', 'conditions'))) return undefined;
  for (const c of rawConditionsOf(obj)) {
    if (
      c.type === 'InvalidSpec' ||
      (c.type === 'Progressing' &&
        (c.reason === 'RolloutAborted' ||
          c.reason === 'ProgressDeadlineExceeded'))
    ) {
      return withMessage('Degraded', c.message);
    }
    if (c.type === 'Paused' && c.status === 'True') {
      return { status: 'Suspended', message: 'Rollout is paused' };
    }
  }
  if (at(obj, 'status', 'phase') === 'Progressing') {
    return {
      status: 'Progressing',
      message: 'Waiting for rollout to finish steps',
    };
  }
  return { status: 'Healthy', message: '' };
}

/**
 * Slipway's checks for progressive-delivery controllers (OpenKruise
 * Rollouts, Spot Ocean), keyed as Argo CD's resource_customizations folders
 * are named.
 * @public
 */
export const progressiveDeliveryHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'rollouts.kruise.io/Rollout': kruiseRolloutHealth,
  'spot.io/SpotDeployment': spotDeploymentHealth,
};
