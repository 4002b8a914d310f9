import { replicaSetHealth } from './ReplicaSetHealth';
import { kube } from './testObjects';

const rs = (spec: object, status: object) =>
  kube('apps/v1', 'ReplicaSet', { spec, status }, { generation: 1 });

describe('replicaSetHealth', () => {
  it('is Degraded with the message of a true ReplicaFailure condition', () => {
    expect(
      replicaSetHealth(
        rs(
          { replicas: 1 },
          {
            observedGeneration: 1,
            conditions: [
              {
                type: 'ReplicaFailure',
                status: 'True',
                message: 'quota exceeded',
              },
            ],
          },
        ),
      ),
    ).toEqual({ status: 'Degraded', message: 'quota exceeded' });
  });

  it('is Progressing while fewer replicas are available than desired', () => {
    expect(
      replicaSetHealth(
        rs({ replicas: 2 }, { observedGeneration: 1, availableReplicas: 1 }),
      ).status,
    ).toBe('Progressing');
  });

  it('is Healthy when all replicas are available', () => {
    expect(
      replicaSetHealth(
        rs({ replicas: 2 }, { observedGeneration: 1, availableReplicas: 2 }),
      ).status,
    ).toBe('Healthy');
  });
});
