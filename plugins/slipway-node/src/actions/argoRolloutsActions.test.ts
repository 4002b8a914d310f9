import type { KubeObject } from '@slipway/plugin-slipway-common';
import { resourceActionsOf, runResourceAction } from './resourceActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

/** A canary Rollout of three steps in the middle of an update, unless overridden. */
const rollout = (
  status: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web', namespace: 'shop', generation: 4 },
  spec: {
    strategy: {
      canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }] },
    },
    ...spec,
  },
  status: {
    observedGeneration: '4',
    currentPodHash: 'new',
    stableRS: 'old',
    currentStepIndex: 1,
    ...status,
  },
});

const offered = (obj: KubeObject) =>
  Object.fromEntries(resourceActionsOf(obj).map(a => [a.name, !a.disabled]));

const patchOf = (obj: KubeObject, action: string) => {
  const [change] = runResourceAction(obj, action, NOW);
  expect(change).toMatchObject({
    operation: 'mergePatch',
    object: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'web', namespace: 'shop' },
    },
  });
  return (change as { patch: unknown }).patch;
};

describe("Argo CD's Argo Rollouts actions", () => {
  it('offers the update actions only while an update is in progress', () => {
    expect(offered(rollout())).toEqual({
      restart: true,
      resume: false,
      pause: true,
      abort: true,
      retry: false,
      'promote-full': true,
      'skip-current-step': true,
    });
    // the stable ReplicaSet is the current one: nothing to steer
    expect(offered(rollout({ currentPodHash: 'old' }))).toEqual({
      restart: true,
      resume: false,
      pause: false,
      abort: false,
      retry: false,
      'promote-full': false,
      'skip-current-step': true,
    });
  });

  it('resumes a rollout paused by the controller or by spec.paused, clearing both', () => {
    const atPause = rollout({
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
    });
    expect(offered(atPause).resume).toBe(true);
    expect(patchOf(atPause, 'resume')).toEqual({
      status: { pauseConditions: null },
    });
    // before pause conditions existed, spec.paused was the pause
    const oldStyle = rollout({ pauseConditions: undefined }, { paused: true });
    expect(offered(oldStyle)).toMatchObject({ resume: true, pause: false });
    expect(patchOf(oldStyle, 'resume')).toEqual({ spec: { paused: false } });
    // an empty list of pause conditions is not a pause, whatever spec says
    expect(
      offered(rollout({ pauseConditions: [] }, { paused: true })).resume,
    ).toBe(false);
  });

  it('pauses, restarts, aborts and retries as the Rollouts plugin does', () => {
    expect(patchOf(rollout(), 'pause')).toEqual({ spec: { paused: true } });
    expect(patchOf(rollout(), 'restart')).toEqual({
      spec: { restartAt: '2026-12-07T16:05:09Z' },
    });
    expect(patchOf(rollout(), 'abort')).toEqual({ status: { abort: true } });
    const abortedRollout = rollout({ abort: true });
    expect(offered(abortedRollout)).toMatchObject({
      abort: false,
      retry: true,
    });
    // retry removes the abort request rather than writing false
    expect(patchOf(abortedRollout, 'retry')).toEqual({
      status: { abort: null },
    });
  });

  it('promotes fully by request on Rollouts v0.10 and later, by jumping past the last step before', () => {
    expect(patchOf(rollout(), 'promote-full')).toEqual({
      status: { promoteFull: true },
    });
    // v0.9 wrote a hash to observedGeneration
    const v09 = rollout({ observedGeneration: '7d9f5c', abort: true });
    expect(patchOf(v09, 'promote-full')).toEqual({
      status: { abort: null, currentStepIndex: 3 },
    });
    // ...and could not fully promote a blue-green rollout
    const blueGreen = rollout(
      { observedGeneration: '7d9f5c' },
      { strategy: { blueGreen: { activeService: 'web' } } },
    );
    expect(offered(blueGreen)['promote-full']).toBe(false);
    expect(
      offered({
        ...blueGreen,
        status: { ...(blueGreen.status as object), observedGeneration: 4 },
      })['promote-full'],
    ).toBe(true);
  });

  it('skips the current canary step, lifting its pause, until the last step', () => {
    expect(
      patchOf(
        rollout({ pauseConditions: [{ reason: 'CanaryPauseStep' }] }),
        'skip-current-step',
      ),
    ).toEqual({ status: { pauseConditions: null, currentStepIndex: 2 } });
    expect(
      patchOf(rollout({ currentStepIndex: undefined }), 'skip-current-step'),
    ).toEqual({
      status: { currentStepIndex: 1 },
    });
    expect(() =>
      runResourceAction(
        rollout({ currentStepIndex: 3 }),
        'skip-current-step',
        NOW,
      ),
    ).toThrow(
      "action 'skip-current-step' does not apply to Rollout shop/web: it is past its last step",
    );
    expect(
      offered(
        rollout({}, { strategy: { blueGreen: { activeService: 'web' } } }),
      )['skip-current-step'],
    ).toBe(false);
  });

  it('terminates an AnalysisRun that is still running', () => {
    const run = (phase: string, terminate?: boolean): KubeObject => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name: 'web-canary', namespace: 'shop' },
      spec: { metrics: [], ...(terminate ? { terminate } : {}) },
      status: { phase },
    });
    expect(resourceActionsOf(run('Running'))).toEqual([
      { name: 'terminate', disabled: false },
    ]);
    expect(runResourceAction(run('Running'), 'terminate', NOW)).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'AnalysisRun',
          metadata: { name: 'web-canary', namespace: 'shop' },
        },
        patch: { spec: { terminate: true } },
      },
    ]);
    for (const phase of ['Successful', 'Failed', 'Error', 'Inconclusive']) {
      expect(resourceActionsOf(run(phase))[0].disabled).toBe(true);
    }
    expect(() =>
      runResourceAction(run('Running', true), 'terminate', NOW),
    ).toThrow('it is terminated already');
  });
});
