import {
  kafkaBridgeHealth,
  kafkaConnectHealth,
  kafkaConnectorHealth,
  kafkaHealth,
  kafkaTopicHealth,
  kafkaUserHealth,
  strimziHealthChecks,
} from './StrimziHealth';
import { kube } from '../testObjects';

const strimzi = (kind: string, conditions?: object[]) =>
  kube('kafka.strimzi.io/v1beta2', kind, {
    spec: {},
    status: conditions ? { conditions } : undefined,
  });

const notReady = (message: string, reason = 'InvalidResourceException') => ({
  type: 'NotReady',
  status: 'True',
  reason,
  message,
});
const ready = { type: 'Ready', status: 'True' };

describe('Strimzi health', () => {
  it('waits, with a message naming the kind, until the operator reports', () => {
    expect(kafkaHealth(strimzi('Kafka'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for Kafka Cluster',
    });
    expect(kafkaBridgeHealth(strimzi('KafkaBridge', [])).message).toBe(
      'Waiting for KafkaBridge',
    );
    expect(kafkaConnectHealth(strimzi('KafkaConnect')).message).toBe(
      'Waiting for Kafka Connect',
    );
    expect(kafkaConnectorHealth(strimzi('KafkaConnector')).message).toBe(
      'Waiting for KafkaConnector',
    );
    expect(kafkaTopicHealth(strimzi('KafkaTopic')).message).toBe(
      'Waiting for Kafka Topic',
    );
    expect(kafkaUserHealth(strimzi('KafkaUser')).message).toBe(
      'Waiting for Kafka User',
    );
  });

  it('is Degraded with the operator message when NotReady is true', () => {
    expect(
      kafkaTopicHealth(strimzi('KafkaTopic', [notReady('bad retention.ms')])),
    ).toEqual({ status: 'Degraded', message: 'bad retention.ms' });
  });

  it('is Healthy, with an empty message, when Ready is true', () => {
    expect(
      kafkaUserHealth(
        strimzi('KafkaUser', [
          { type: 'Warning', status: 'True', message: 'ignored' },
          ready,
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: '' });
  });

  it('lets the first true Ready or NotReady condition decide', () => {
    expect(
      kafkaConnectHealth(strimzi('KafkaConnect', [ready, notReady('later')]))
        .status,
    ).toBe('Healthy');
    expect(
      kafkaConnectHealth(strimzi('KafkaConnect', [notReady('first'), ready])),
    ).toEqual({ status: 'Degraded', message: 'first' });
  });

  it('ignores conditions that are not true', () => {
    expect(
      kafkaBridgeHealth(
        strimzi('KafkaBridge', [
          { type: 'Ready', status: 'False' },
          { type: 'NotReady', status: 'False', message: 'x' },
        ]),
      ).status,
    ).toBe('Progressing');
  });

  it('treats a Kafka cluster that is still being created as progressing', () => {
    expect(
      kafkaHealth(strimzi('Kafka', [notReady('starting brokers', 'Creating')])),
    ).toEqual({ status: 'Progressing', message: 'Waiting for Kafka Cluster' });
    // Only Kafka skips the Creating reason; the other kinds do not.
    expect(
      kafkaConnectorHealth(
        strimzi('KafkaConnector', [notReady('tasks failed', 'Creating')]),
      ).status,
    ).toBe('Degraded');
  });

  it('registers every kind under its Argo CD folder name', () => {
    expect(Object.keys(strimziHealthChecks).sort()).toEqual([
      'kafka.strimzi.io/Kafka',
      'kafka.strimzi.io/KafkaBridge',
      'kafka.strimzi.io/KafkaConnect',
      'kafka.strimzi.io/KafkaConnector',
      'kafka.strimzi.io/KafkaTopic',
      'kafka.strimzi.io/KafkaUser',
    ]);
  });
});
