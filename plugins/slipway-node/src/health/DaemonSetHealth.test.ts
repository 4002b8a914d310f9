import { daemonSetHealth } from './DaemonSetHealth';
import { kube } from './testObjects';

const ds = (spec: object, status: object) =>
  kube(
    'apps/v1',
    'DaemonSet',
    { spec, status },
    { name: 'agent', generation: 2 },
  );

describe('daemonSetHealth', () => {
  it('is Progressing until the generation is observed', () => {
    expect(daemonSetHealth(ds({}, { observedGeneration: 1 })).status).toBe(
      'Progressing',
    );
  });

  it('is Progressing while scheduled pods are not updated or not available', () => {
    expect(
      daemonSetHealth(
        ds(
          {},
          {
            observedGeneration: 2,
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 2,
          },
        ),
      ).message,
    ).toBe(
      'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...',
    );
    expect(
      daemonSetHealth(
        ds(
          {},
          {
            observedGeneration: 2,
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 3,
            numberAvailable: 1,
          },
        ),
      ).message,
    ).toBe(
      'Waiting for daemon set "agent" rollout to finish: 1 of 3 updated pods are available...',
    );
  });

  it('is Healthy when every scheduled pod is updated and available', () => {
    expect(
      daemonSetHealth(
        ds(
          {},
          {
            observedGeneration: 2,
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 3,
            numberAvailable: 3,
          },
        ),
      ).status,
    ).toBe('Healthy');
  });

  it('is Healthy for OnDelete even with pods left to update', () => {
    expect(
      daemonSetHealth(
        ds(
          { updateStrategy: { type: 'OnDelete' } },
          {
            observedGeneration: 2,
            desiredNumberScheduled: 3,
            updatedNumberScheduled: 1,
          },
        ),
      ).status,
    ).toBe('Healthy');
  });
});
