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

  it('serves wildcard folders for any group they match, an exact folder first', () => {
    const managed = kube('ec2.aws.crossplane.io/v1beta1', 'VPC', {
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(crdHealth(managed)).toEqual({
      status: 'Healthy',
      message: 'Resource is up-to-date.',
    });
    expect(getCrdHealthCheck('ec2.aws.crossplane.io', 'VPC')).toBe(
      getCrdHealthCheck('apiextensions.crossplane.io', 'Composition'),
    );
    // pkg.crossplane.io/Provider is its own folder beside the wildcard
    expect(getCrdHealthCheck('pkg.crossplane.io', 'Provider')).not.toBe(
      getCrdHealthCheck('pkg.crossplane.io', 'Configuration'),
    );
    // the wildcard's dot is literal: crossplane.io itself is not *.crossplane.io
    expect(getCrdHealthCheck('crossplane.io', 'VPC')).toBeUndefined();
    expect(getCrdHealthCheck('example.com', 'VPC')).toBeUndefined();
  });

  it("gives argoproj.io Applications no health, as Argo CD's Go layer deliberately does not", () => {
    expect(getCrdHealthCheck('argoproj.io', 'Application')).toBeUndefined();
    expect(crdHealthKinds()).not.toContain('argoproj.io/Application');
  });
});
