import { deploymentHealth } from './DeploymentHealth';
import { kube } from './testObjects';

const deployment = (spec: object, status: object, generation = 1) =>
  kube('apps/v1', 'Deployment', { spec, status }, { name: 'web', generation });

describe('deploymentHealth', () => {
  it('is Healthy when every replica is updated and available', () => {
    expect(
      deploymentHealth(
        deployment(
          { replicas: 2 },
          {
            observedGeneration: 1,
            replicas: 2,
            updatedReplicas: 2,
            availableReplicas: 2,
          },
        ),
      ).status,
    ).toBe('Healthy');
  });

  it('is Suspended while paused', () => {
    expect(deploymentHealth(deployment({ paused: true }, {}))).toEqual({
      status: 'Suspended',
      message: 'Deployment is paused',
    });
  });

  it('is Progressing until the controller observed the latest generation', () => {
    expect(
      deploymentHealth(
        deployment({ replicas: 1 }, { observedGeneration: 1 }, 2),
      ).status,
    ).toBe('Progressing');
  });

  it('reports how many replicas are updated, terminating and available', () => {
    expect(
      deploymentHealth(
        deployment(
          { replicas: 3 },
          { observedGeneration: 1, updatedReplicas: 1 },
        ),
      ).message,
    ).toBe(
      'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(
      deploymentHealth(
        deployment(
          { replicas: 2 },
          { observedGeneration: 1, replicas: 3, updatedReplicas: 2 },
        ),
      ).message,
    ).toBe(
      'Waiting for rollout to finish: 1 old replicas are pending termination...',
    );
    expect(
      deploymentHealth(
        deployment(
          { replicas: 2 },
          {
            observedGeneration: 1,
            replicas: 2,
            updatedReplicas: 2,
            availableReplicas: 1,
          },
        ),
      ).message,
    ).toBe(
      'Waiting for rollout to finish: 1 of 2 updated replicas are available...',
    );
  });

  it('is Degraded when the progress deadline is exceeded', () => {
    const health = deploymentHealth(
      deployment(
        { replicas: 2 },
        {
          observedGeneration: 1,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            },
          ],
        },
      ),
    );
    expect(health).toEqual({
      status: 'Degraded',
      message: 'Deployment "web" exceeded its progress deadline',
    });
  });

  it('is Unknown for an API version it does not know', () => {
    const health = deploymentHealth(kube('apps/v1beta1', 'Deployment'));
    expect(health.status).toBe('Unknown');
    expect(health.message).toContain('apps/v1beta1');
  });
});
