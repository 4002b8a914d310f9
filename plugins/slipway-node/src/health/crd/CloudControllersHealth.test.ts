import {
  ackResourceHealth,
  cloudControllersHealthChecks,
  configConnectorHealth,
} from './CloudControllersHealth';
import { kube } from '../testObjects';

const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});

describe('Config Connector (_.cnrm.cloud.google.com/_)', () => {
  const sql = (status?: object, generation = 1) =>
    kube(
      'sql.cnrm.cloud.google.com/v1beta1',
      'SQLInstance',
      { spec: {}, status },
      { generation },
    );
  const withReason = (reason: string, status = 'False') => ({
    observedGeneration: 1,
    conditions: [cond('Ready', status, { reason, message: reason })],
  });
  const inProgress = { status: 'Progressing', message: 'Update in progress' };

  it('maps condition reasons to health, with the condition message', () => {
    expect(configConnectorHealth(sql(withReason('UpToDate', 'True')))).toEqual({
      status: 'Healthy',
      message: 'UpToDate',
    });
    expect(configConnectorHealth(sql(withReason('UpdateFailed')))).toEqual({
      status: 'Degraded',
      message: 'UpdateFailed',
    });
    expect(
      configConnectorHealth(sql(withReason('DependencyNotFound'))).status,
    ).toBe('Degraded');
    expect(
      configConnectorHealth(sql(withReason('DependencyNotReady'))),
    ).toEqual({ status: 'Suspended', message: 'DependencyNotReady' });
  });

  it('is in progress while updating, stale or without status', () => {
    expect(configConnectorHealth(sql(withReason('Updating')))).toEqual(
      inProgress,
    );
    expect(
      configConnectorHealth(sql(withReason('UpToDate', 'True'), 2)),
    ).toEqual(inProgress);
    expect(configConnectorHealth(sql())).toEqual(inProgress);
  });

  it('trusts a status without observedGeneration', () => {
    expect(
      configConnectorHealth(
        sql({ conditions: [cond('Ready', 'True', { reason: 'UpToDate' })] }, 7),
      ).status,
    ).toBe('Healthy');
  });

  it('reads status.healthy of the operator kinds', () => {
    const operator = (kind: string, healthy: boolean, observed = 1) =>
      kube(
        'core.cnrm.cloud.google.com/v1beta1',
        kind,
        { spec: {}, status: { healthy, observedGeneration: observed } },
        { generation: 1 },
      );
    expect(configConnectorHealth(operator('ConfigConnector', true))).toEqual({
      status: 'Healthy',
      message: 'ConfigConnector is healthy',
    });
    expect(
      configConnectorHealth(operator('ConfigConnectorContext', false)),
    ).toEqual({
      status: 'Degraded',
      message: 'ConfigConnectorContext is not healthy',
    });
    expect(configConnectorHealth(operator('ConfigConnector', true, 0))).toEqual(
      inProgress,
    );
  });
});

describe('AWS Controllers for Kubernetes (_.services.k8s.aws/_)', () => {
  const bucket = (conditions?: object[]) =>
    kube('s3.services.k8s.aws/v1alpha1', 'Bucket', {
      spec: {},
      status: conditions ? { conditions } : {},
    });

  it('is Degraded on a terminal condition', () => {
    expect(
      ackResourceHealth(
        bucket([
          cond('ACK.Terminal', 'True', { message: 'already exists' }),
          cond('Ready', 'False', { message: 'not synced' }),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'already exists' });
  });

  it('follows Ready', () => {
    expect(
      ackResourceHealth(bucket([cond('Ready', 'True', { message: 'ok' })])),
    ).toEqual({ status: 'Healthy', message: '' });
    expect(
      ackResourceHealth(
        bucket([cond('Ready', 'False', { message: 'CREATING' })]),
      ),
    ).toEqual({ status: 'Progressing', message: 'CREATING' });
  });

  it('waits while Ready is missing or Unknown', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for resource to be ready',
    };
    expect(ackResourceHealth(bucket())).toEqual(waiting);
    expect(ackResourceHealth(bucket([cond('Ready', 'Unknown')]))).toEqual(
      waiting,
    );
  });
});

describe('cloudControllersHealthChecks', () => {
  it('keeps wildcard keys as Argo CD names its folders', () => {
    expect(Object.keys(cloudControllersHealthChecks).sort()).toEqual([
      '_.cnrm.cloud.google.com/_',
      '_.services.k8s.aws/_',
    ]);
  });
});
