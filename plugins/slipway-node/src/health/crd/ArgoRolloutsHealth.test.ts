import {
  analysisRunHealth,
  experimentHealth,
  rolloutHealth,
} from './ArgoRolloutsHealth';
import { kube } from '../testObjects';

const rollout = (spec: object, status?: object, generation = 1) =>
  kube('argoproj.io/v1alpha1', 'Rollout', { spec, status }, { generation });

describe('rolloutHealth', () => {
  it('waits until the controller observed the spec', () => {
    expect(rolloutHealth(rollout({})).message).toBe(
      'Waiting for rollout spec update to be observed',
    );
    expect(
      rolloutHealth(rollout({}, { observedGeneration: '1' }, 2)).status,
    ).toBe('Progressing');
  });

  it('surfaces the phase and message of Rollouts v1.0+, Paused as Suspended', () => {
    expect(
      rolloutHealth(
        rollout(
          {},
          {
            observedGeneration: '1',
            phase: 'Paused',
            message: 'CanaryPauseStep',
          },
        ),
      ),
    ).toEqual({
      status: 'Suspended',
      message: 'CanaryPauseStep',
    });
    expect(
      rolloutHealth(rollout({}, { observedGeneration: '1', phase: 'Healthy' })),
    ).toEqual({
      status: 'Healthy',
      message: '',
    });
  });

  it('is Degraded when aborted (pre-v1.0 status)', () => {
    expect(
      rolloutHealth(
        rollout(
          {},
          {
            observedGeneration: 'abc123',
            conditions: [
              {
                type: 'Progressing',
                reason: 'RolloutAborted',
                message: 'Rollout is aborted',
              },
            ],
          },
        ),
      ),
    ).toEqual({ status: 'Degraded', message: 'Rollout is aborted' });
  });

  it('is Suspended when paused by the user', () => {
    expect(
      rolloutHealth(rollout({ paused: true }, { observedGeneration: 'abc' }))
        .status,
    ).toBe('Suspended');
  });

  it('judges a canary by replica counts and the stable ReplicaSet', () => {
    const spec = { replicas: 2, strategy: { canary: {} } };
    const base = {
      observedGeneration: 'h',
      currentPodHash: 'new',
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
    };
    expect(
      rolloutHealth(rollout(spec, { ...base, updatedReplicas: 1 })).message,
    ).toBe('Waiting for roll out to finish: More replicas need to be updated');
    expect(
      rolloutHealth(rollout(spec, { ...base, stableRS: 'old' })).message,
    ).toBe('Waiting for rollout to finish steps');
    expect(rolloutHealth(rollout(spec, { ...base, stableRS: 'new' }))).toEqual({
      status: 'Healthy',
      message: '',
    });
  });

  it('judges blue-green by the active service selector', () => {
    const spec = { replicas: 1, strategy: { blueGreen: {} } };
    const base = {
      observedGeneration: 'h',
      currentPodHash: 'new',
      replicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
    };
    expect(
      rolloutHealth(
        rollout(spec, { ...base, blueGreen: { activeSelector: 'old' } }),
      ).message,
    ).toBe('active service cutover pending');
    expect(
      rolloutHealth(
        rollout(spec, { ...base, blueGreen: { activeSelector: 'new' } }),
      ).status,
    ).toBe('Healthy');
  });
});

describe('analysisRunHealth and experimentHealth', () => {
  it('map phases, preferring the run message', () => {
    const run = (status?: object) =>
      kube('argoproj.io/v1alpha1', 'AnalysisRun', { status });
    expect(analysisRunHealth(run()).status).toBe('Progressing');
    expect(analysisRunHealth(run({ phase: 'Failed' }))).toEqual({
      status: 'Degraded',
      message: 'Analysis run failed',
    });
    expect(
      analysisRunHealth(run({ phase: 'Inconclusive', message: 'why' })),
    ).toEqual({ status: 'Unknown', message: 'why' });
    const exp = (phase: string) =>
      kube('argoproj.io/v1alpha1', 'Experiment', { status: { phase } });
    expect(experimentHealth(exp('Successful')).status).toBe('Healthy');
    expect(experimentHealth(exp('Error')).status).toBe('Degraded');
  });
});
