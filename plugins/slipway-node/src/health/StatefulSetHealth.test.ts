import { statefulSetHealth } from './StatefulSetHealth';
import { kube } from './testObjects';

const sts = (spec: object, status: object) =>
  kube('apps/v1', 'StatefulSet', { spec, status }, { generation: 1 });

describe('statefulSetHealth', () => {
  it('is Progressing until the spec is observed', () => {
    expect(statefulSetHealth(sts({ replicas: 1 }, {}))).toEqual({
      status: 'Progressing',
      message: 'Waiting for statefulset spec update to be observed...',
    });
  });

  it('is Progressing while pods are not ready', () => {
    expect(
      statefulSetHealth(
        sts({ replicas: 3 }, { observedGeneration: 1, readyReplicas: 1 }),
      ).message,
    ).toBe('Waiting for 2 pods to be ready...');
  });

  it('waits for the pods above the partition of a rolling update', () => {
    const spec = {
      replicas: 3,
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 1 },
      },
    };
    expect(
      statefulSetHealth(
        sts(spec, {
          observedGeneration: 1,
          readyReplicas: 3,
          updatedReplicas: 1,
        }),
      ).status,
    ).toBe('Progressing');
    expect(
      statefulSetHealth(
        sts(spec, {
          observedGeneration: 1,
          readyReplicas: 3,
          updatedReplicas: 2,
        }),
      ).status,
    ).toBe('Healthy');
  });

  it('is Healthy for OnDelete once pods are ready', () => {
    expect(
      statefulSetHealth(
        sts(
          { replicas: 2, updateStrategy: { type: 'OnDelete' } },
          { observedGeneration: 1, readyReplicas: 2 },
        ),
      ),
    ).toEqual({ status: 'Healthy', message: 'statefulset has 2 ready pods' });
  });

  it('is Progressing while the update revision differs from the current one', () => {
    const status = {
      observedGeneration: 1,
      readyReplicas: 1,
      updatedReplicas: 0,
      currentRevision: 'a',
      updateRevision: 'b',
    };
    expect(statefulSetHealth(sts({ replicas: 1 }, status)).status).toBe(
      'Progressing',
    );
    expect(
      statefulSetHealth(
        sts(
          { replicas: 1 },
          { ...status, updateRevision: 'a', currentReplicas: 1 },
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'statefulset rolling update complete 1 pods at revision a...',
    });
  });
});
