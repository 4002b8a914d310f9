import { crdHealth, crdHealthKinds, getCrdHealthCheck } from './crdHealth';
import { kube } from '../testObjects';

describe('Slipway CRD checks', () => {
  it('serves the kinds of every family by group and kind', () => {
    expect(
      crdHealth(
        kube('kafka.strimzi.io/v1beta2', 'KafkaTopic', {
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        }),
      )?.status,
    ).toBe('Healthy');
    expect(
      crdHealth(
        kube('acid.zalan.do/v1', 'postgresql', {
          status: { PostgresClusterStatus: 'SyncFailed' },
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'SyncFailed' });
  });

  it('matches the group exactly: the same kind of another group has no check', () => {
    expect(getCrdHealthCheck('kafka.strimzi.io', 'Kafka')).toBeDefined();
    expect(getCrdHealthCheck('example.com', 'Kafka')).toBeUndefined();
    expect(
      crdHealth(kube('example.com/v1', 'KafkaTopic', { status: {} })),
    ).toBeUndefined();
  });

  it("gives argoproj.io Applications no health, as Argo CD's Go layer deliberately does not", () => {
    expect(getCrdHealthCheck('argoproj.io', 'Application')).toBeUndefined();
    expect(crdHealthKinds()).not.toContain('argoproj.io/Application');
  });
});
