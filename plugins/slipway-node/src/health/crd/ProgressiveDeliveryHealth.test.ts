import {
  kruiseRolloutHealth,
  progressiveDeliveryHealthChecks,
  spotDeploymentHealth,
} from './ProgressiveDeliveryHealth';
import { kube } from '../testObjects';

describe('OpenKruise Rollout', () => {
  const rollout = (status?: object, generation = 4) =>
    kruiseRolloutHealth(
      kube(
        'rollouts.kruise.io/v1alpha1',
        'Rollout',
        { status },
        { generation },
      ),
    );
  const at = (currentStepState: string, phase: string) => ({
    observedGeneration: 4,
    phase,
    canaryStatus: { currentStepState },
  });
  const progressing = {
    status: 'Progressing',
    message: 'Rollout is still progressing',
  };

  it('is registered under its Argo CD folder name', () => {
    expect(progressiveDeliveryHealthChecks['rollouts.kruise.io/Rollout']).toBe(
      kruiseRolloutHealth,
    );
  });

  it('is healthy once the canary completed', () => {
    expect(rollout(at('Completed', 'Healthy'))).toEqual({
      status: 'Healthy',
      message: 'Rollout is Completed',
    });
  });

  it('is suspended when a step waits for manual confirmation', () => {
    expect(rollout(at('StepPaused', 'Progressing'))).toEqual({
      status: 'Suspended',
      message: 'Rollout is Paused need manual intervention',
    });
  });

  it('is degraded when disabled or terminating mid-step', () => {
    const degraded = {
      status: 'Degraded',
      message: 'Rollout is Disabled or Terminating',
    };
    expect(rollout(at('StepPaused', 'Disabled'))).toEqual(degraded);
    expect(rollout(at('StepPaused', 'Terminating'))).toEqual(degraded);
  });

  it('is progressing while upgrading, on an older generation, or otherwise', () => {
    expect(rollout(at('StepUpgrade', 'Progressing'))).toEqual(progressing);
    expect(rollout(at('Completed', 'Healthy'), 5)).toEqual(progressing);
    expect(rollout(at('StepReady', 'Progressing'))).toEqual(progressing);
  });

  it('is unknown without a status or canary status, as the script fails', () => {
    expect(rollout().status).toBe('Unknown');
    expect(rollout({ observedGeneration: 4 }).status).toBe('Unknown');
  });
});

describe('Spot SpotDeployment', () => {
  const spot = (status?: object) =>
    spotDeploymentHealth(kube('spot.io/v1beta1', 'SpotDeployment', { status }));
  const condition = (type: string, more: object = {}) => ({ type, ...more });

  it('is registered under its Argo CD folder name', () => {
    expect(progressiveDeliveryHealthChecks['spot.io/SpotDeployment']).toBe(
      spotDeploymentHealth,
    );
  });

  it('has no health without conditions', () => {
    expect(spot()).toBeUndefined();
    expect(spot({ phase: 'Healthy' })).toBeUndefined();
  });

  it('is degraded for an invalid spec, an abort or an exceeded deadline', () => {
    expect(
      spot({ conditions: [condition('InvalidSpec', { message: 'bad spec' })] }),
    ).toEqual({ status: 'Degraded', message: 'bad spec' });
    expect(
      spot({
        conditions: [
          condition('Progressing', {
            reason: 'RolloutAborted',
            message: 'aborted',
          }),
        ],
      }),
    ).toEqual({ status: 'Degraded', message: 'aborted' });
    expect(
      spot({
        conditions: [
          condition('Progressing', { reason: 'ProgressDeadlineExceeded' }),
        ],
      }),
    ).toEqual({ status: 'Degraded' });
  });

  it('is suspended while paused', () => {
    expect(
      spot({
        phase: 'Progressing',
        conditions: [condition('Paused', { status: 'True' })],
      }),
    ).toEqual({ status: 'Suspended', message: 'Rollout is paused' });
  });

  it('is progressing in the Progressing phase, healthy otherwise', () => {
    expect(spot({ phase: 'Progressing', conditions: [] })).toEqual({
      status: 'Progressing',
      message: 'Waiting for rollout to finish steps',
    });
    expect(
      spot({
        phase: 'Healthy',
        conditions: [condition('Available', { status: 'True' })],
      }),
    ).toEqual({ status: 'Healthy', message: '' });
  });
});
