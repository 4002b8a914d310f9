import {
  isbServiceRolloutHealth,
  monoVertexRolloutHealth,
  numaflowControllerRolloutHealth,
  numaplaneHealthChecks,
  pipelineRolloutHealth,
} from './NumaplaneHealth';
import { kube } from '../testObjects';

const API = 'numaplane.numaproj.io/v1alpha1';

const rollout = (kind: string, status?: object) =>
  kube(API, kind, { status }, { generation: 3 });
/** A status that describes the current generation. */
const reconciled = (more: object) => ({ observedGeneration: 3, ...more });
const child = (status: string, reason: string, message?: string) => ({
  type: 'ChildResourcesHealthy',
  status,
  reason,
  message,
});

describe.each([
  ['ISBServiceRollout', isbServiceRolloutHealth, 'ISBService', 'ISBSvcFailed'],
  ['PipelineRollout', pipelineRolloutHealth, 'Pipeline', 'PipelineFailed'],
  [
    'MonoVertexRollout',
    monoVertexRolloutHealth,
    'MonoVertex',
    'MonoVertexFailed',
  ],
  [
    'NumaflowControllerRollout',
    numaflowControllerRolloutHealth,
    'NumaflowController',
    'Degraded',
  ],
])('Numaplane %s', (kind, check, childName, failedReason) => {
  const of = (status?: object) => check(rollout(kind, status));

  it('is registered under its Argo CD folder name', () => {
    expect(numaplaneHealthChecks[`numaplane.numaproj.io/${kind}`]).toBe(check);
  });

  it('waits until the controller has reconciled the current generation', () => {
    const notYet = { status: 'Progressing', message: 'Not yet reconciled' };
    expect(of()).toEqual(notYet);
    expect(of({ observedGeneration: 2, phase: 'Deployed' })).toEqual(notYet);
  });

  it('is progressing while pending or upgrading, before reading the child', () => {
    const failedChild = { conditions: [child('False', failedReason, 'x')] };
    expect(of(reconciled({ phase: 'Pending', ...failedChild }))).toEqual({
      status: 'Progressing',
      message: 'Phase=Pending',
    });
    expect(
      of(reconciled({ upgradeInProgress: 'progressive', ...failedChild })),
    ).toEqual({ status: 'Progressing', message: 'Update in progress' });
    // An empty upgrade marker means no upgrade.
    expect(of(reconciled({ upgradeInProgress: '' })).status).toBe('Unknown');
  });

  it('is degraded when the child failed, with the child message', () => {
    expect(
      of(
        reconciled({
          phase: 'Deployed',
          conditions: [child('False', failedReason, `${childName} Failed`)],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: `${childName} Failed` });
  });

  it('is degraded in the Failed phase, with the rollout message', () => {
    expect(
      of(
        reconciled({
          phase: 'Failed',
          message: 'no definition found',
          conditions: [child('True', 'Successful', 'Successful')],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no definition found' });
  });

  it('is progressing while the child comes up', () => {
    expect(
      of(
        reconciled({
          phase: 'Deployed',
          conditions: [child('False', 'Progressing', 'scaling up')],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'scaling up' });
  });

  it('is healthy when the deployed child is healthy, judged by its last condition', () => {
    expect(
      of(
        reconciled({
          phase: 'Deployed',
          conditions: [
            child('False', 'Progressing', 'old'),
            child('True', 'Successful', 'Successful'),
          ],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Successful' });
    // The child's message may be missing: no message then.
    expect(
      of(reconciled({ phase: 'Deployed', conditions: [child('True', 'ok')] })),
    ).toEqual({ status: 'Healthy' });
  });

  it('is unknown otherwise', () => {
    const unknown = {
      status: 'Unknown',
      message: `Unknown ${childName} status`,
    };
    expect(of(reconciled({ phase: 'Deployed' }))).toEqual(unknown);
    expect(
      of(
        reconciled({
          phase: 'Deployed',
          conditions: [child('False', 'SomethingElse', 'x')],
        }),
      ),
    ).toEqual(unknown);
  });
});

describe.each([
  ['PipelineRollout', pipelineRolloutHealth, 'PipelinePausingOrPaused'],
  ['MonoVertexRollout', monoVertexRolloutHealth, 'MonoVertexPausingOrPaused'],
])('Numaplane %s pause', (kind, check, pausedType) => {
  it('is suspended while paused, unless the child failed or is coming up', () => {
    const paused = { type: pausedType, status: 'True', message: 'paused' };
    const of = (childCondition: object) =>
      check(
        rollout(
          kind,
          reconciled({
            phase: 'Deployed',
            conditions: [childCondition, paused],
          }),
        ),
      );
    expect(of(child('Unknown', 'Pausing'))).toEqual({
      status: 'Suspended',
      message: 'paused',
    });
    expect(of(child('True', 'Successful', 'ok')).status).toBe('Suspended');
    expect(of(child('False', 'Progressing', 'up')).status).toBe('Progressing');
  });
});

describe('Numaplane kinds without a pause', () => {
  it('ignore pause conditions of other kinds', () => {
    expect(
      isbServiceRolloutHealth(
        rollout(
          'ISBServiceRollout',
          reconciled({
            phase: 'Deployed',
            conditions: [
              { type: 'PipelinePausingOrPaused', status: 'True' },
              child('True', 'Successful', 'ok'),
            ],
          }),
        ),
      ),
    ).toEqual({ status: 'Healthy', message: 'ok' });
  });
});
