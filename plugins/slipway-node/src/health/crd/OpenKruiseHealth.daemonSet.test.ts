import { advancedDaemonSetHealth } from './OpenKruiseHealth';
import { kube } from '../testObjects';

const WAITING = {
  status: 'Progressing',
  message: 'Waiting for initialization',
};

/** An Advanced DaemonSet whose controller has observed `generation`. */
const kruiseDaemonSet = (
  generation: number,
  updateStrategy: object | undefined,
  status: object,
) =>
  kube(
    'apps.kruise.io/v1alpha1',
    'DaemonSet',
    {
      spec: { updateStrategy },
      status: { observedGeneration: generation, ...status },
    },
    { generation },
  );

describe('OpenKruise Advanced DaemonSet health', () => {
  const daemonSet = (
    generation: number,
    rollingUpdate: object,
    status: object,
  ) => kruiseDaemonSet(generation, { rollingUpdate }, status);

  it('is Healthy when every desired pod is updated and available', () => {
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          1,
          { partition: 0 },
          {
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 3,
            numberAvailable: 3,
          },
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'All Daemonset workloads are ready and updated',
    });
  });

  it('is Degraded when every desired pod is updated but unavailable', () => {
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          1,
          {},
          {
            desiredNumberScheduled: 1,
            updatedNumberScheduled: 1,
            numberUnavailable: 1,
          },
        ),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Some pods are not ready or available',
    });
  });

  it('is still initializing while pods roll out', () => {
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          2,
          {},
          {
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 2,
            numberAvailable: 3,
          },
        ),
      ),
    ).toEqual(WAITING);
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          2,
          {},
          { desiredNumberScheduled: 0, updatedNumberScheduled: 0 },
        ),
      ),
    ).toEqual(WAITING);
  });

  it('is Suspended when paused or before updated pods are counted', () => {
    const paused = { status: 'Suspended', message: 'Daemonset is paused' };
    expect(advancedDaemonSetHealth(daemonSet(2, { paused: true }, {}))).toEqual(
      paused,
    );
    expect(
      advancedDaemonSetHealth(daemonSet(2, {}, { desiredNumberScheduled: 3 })),
    ).toEqual(paused);
  });

  it('holds once more pods are updated than a numeric partition leaves', () => {
    const status = { desiredNumberScheduled: 10, numberAvailable: 10 };
    const held = {
      status: 'Suspended',
      message: 'Daemonset needs manual intervention',
    };
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          6,
          { partition: 4 },
          { ...status, updatedNumberScheduled: 7 },
        ),
      ),
    ).toEqual(held);
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          6,
          { partition: '4' },
          { ...status, updatedNumberScheduled: 7 },
        ),
      ),
    ).toEqual(held);
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          6,
          { partition: 4 },
          { ...status, updatedNumberScheduled: 6 },
        ),
      ),
    ).toEqual(WAITING);
  });

  it('reads a percentage partition of the desired pods, without rounding', () => {
    const status = { desiredNumberScheduled: 3, numberAvailable: 3 };
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          3,
          { partition: '50%' },
          { ...status, updatedNumberScheduled: 2 },
        ),
      ).message,
    ).toBe('Daemonset needs manual intervention');
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          3,
          { partition: '50%' },
          { ...status, updatedNumberScheduled: 1 },
        ),
      ),
    ).toEqual(WAITING);
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          3,
          { partition: '0%' },
          { ...status, updatedNumberScheduled: 3 },
        ),
      ).status,
    ).toBe('Healthy');
  });

  it('ignores a partition text that is not a number', () => {
    expect(
      advancedDaemonSetHealth(
        daemonSet(
          3,
          { partition: 'abc' },
          {
            desiredNumberScheduled: 5,
            updatedNumberScheduled: 5,
            numberAvailable: 5,
          },
        ),
      ).status,
    ).toBe('Healthy');
  });

  it('fails as the script does without a rolling update strategy', () => {
    expect(
      advancedDaemonSetHealth(
        kruiseDaemonSet(3, undefined, { updatedNumberScheduled: 1 }),
      ).status,
    ).toBe('Unknown');
  });
});
