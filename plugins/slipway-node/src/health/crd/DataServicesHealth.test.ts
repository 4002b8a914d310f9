import {
  dataServicesHealthChecks,
  rabbitmqClusterHealth,
} from './DataServicesHealth';
import { kube } from '../testObjects';

const rabbit = (conditions?: object[], replicas = 3) =>
  kube('rabbitmq.com/v1beta1', 'RabbitmqCluster', {
    spec: { replicas },
    status: conditions ? { conditions } : undefined,
  });
const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});
const reconciled = cond('ReconcileSuccess', 'True', { message: 'done' });

describe('RabbitmqCluster health', () => {
  it('waits for the operator until there are conditions', () => {
    expect(rabbitmqClusterHealth(rabbit())).toEqual({
      status: 'Progressing',
      message: 'Waiting for RabbitMQ Operator',
    });
  });

  it('is Degraded with the message of a failed reconcile, before anything else', () => {
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('ClusterAvailable', 'Unknown'),
          cond('ReconcileSuccess', 'False', { message: "Unknown 'foo'" }),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: "Unknown 'foo'" });
  });

  it('treats Unknown readiness as transient progress', () => {
    const unknown = {
      status: 'Progressing',
      message: 'Waiting for RabbitMQ cluster readiness (conditions unknown)',
    };
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('AllReplicasReady', 'False'),
          cond('ClusterAvailable', 'Unknown'),
          reconciled,
        ]),
      ),
    ).toEqual(unknown);
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('AllReplicasReady', 'Unknown'),
          cond('ClusterAvailable', 'True'),
        ]),
      ),
    ).toEqual(unknown);
  });

  it('is Suspended when deliberately scaled to zero', () => {
    const scaledToZero = [
      cond('AllReplicasReady', 'False', { reason: 'ScaledToZero' }),
      cond('ClusterAvailable', 'False'),
    ];
    expect(rabbitmqClusterHealth(rabbit(scaledToZero, 0))).toEqual({
      status: 'Suspended',
      message: 'RabbitmqCluster is scaled to 0 replicas',
    });
    // With replicas asked for, it is still forming.
    expect(rabbitmqClusterHealth(rabbit(scaledToZero, 3)).message).toBe(
      'Waiting for RabbitMQ cluster formation',
    );
  });

  it('waits for cluster formation, then for the instances', () => {
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('AllReplicasReady', 'False'),
          cond('ClusterAvailable', 'False'),
        ]),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for RabbitMQ cluster formation',
    });
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('AllReplicasReady', 'False'),
          cond('ClusterAvailable', 'True'),
        ]),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for RabbitMQ instances ready',
    });
  });

  it('is Healthy when available and all replicas are ready', () => {
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('AllReplicasReady', 'True'),
          cond('ClusterAvailable', 'True'),
          reconciled,
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'RabbitMQ cluster ready' });
  });

  it('reads the last condition of a type and waits when one is missing', () => {
    expect(
      rabbitmqClusterHealth(
        rabbit([
          cond('ClusterAvailable', 'False'),
          cond('ClusterAvailable', 'True'),
          cond('AllReplicasReady', 'True'),
        ]),
      ).status,
    ).toBe('Healthy');
    expect(
      rabbitmqClusterHealth(rabbit([cond('ClusterAvailable', 'True')])),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for RabbitMQ Operator',
    });
  });

  it('is registered under its Argo CD folder name', () => {
    expect(Object.keys(dataServicesHealthChecks)).toEqual([
      'rabbitmq.com/RabbitmqCluster',
    ]);
  });
});
