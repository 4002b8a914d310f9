import {
  rabbitMqQueueHealth,
  rabbitMqTopologyHealthChecks,
  rabbitMqVhostHealth,
} from './RabbitMqTopologyHealth';
import { kube } from '../testObjects';

const topology = (kind: string, conditions?: object[]) =>
  kube('rabbitmq.com/v1beta1', kind, {
    status: conditions ? { conditions } : {},
  });
const ready = (status: string, reason: string) => ({
  type: 'Ready',
  status,
  reason,
});

describe('RabbitMQ topology health', () => {
  it('is Healthy once the operator created or updated the object', () => {
    expect(
      rabbitMqQueueHealth(
        topology('Queue', [ready('True', 'SuccessfulCreateOrUpdate')]),
      ),
    ).toEqual({ status: 'Healthy', message: 'RabbitMQ queue ready' });
  });

  it('is Degraded when the last create or update failed', () => {
    expect(
      rabbitMqQueueHealth(
        topology('Queue', [ready('False', 'FailedCreateOrUpdate')]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'RabbitMQ queue failed to be created or updated',
    });
  });

  it('is Unknown until the operator reports the outcome', () => {
    const unknown = {
      status: 'Unknown',
      message: 'RabbitMQ queue status is unknown',
    };
    expect(rabbitMqQueueHealth(topology('Queue'))).toEqual(unknown);
    expect(rabbitMqQueueHealth(kube('rabbitmq.com/v1beta1', 'Queue'))).toEqual(
      unknown,
    );
    expect(
      rabbitMqQueueHealth(
        topology('Queue', [
          ready('True', 'SomethingElse'),
          { type: 'Other', status: 'True', reason: 'SuccessfulCreateOrUpdate' },
        ]),
      ),
    ).toEqual(unknown);
  });

  it('takes the first Ready condition that reports an outcome', () => {
    expect(
      rabbitMqQueueHealth(
        topology('Queue', [
          ready('Unknown', 'Pending'),
          ready('False', 'FailedCreateOrUpdate'),
          ready('True', 'SuccessfulCreateOrUpdate'),
        ]),
      ).status,
    ).toBe('Degraded');
  });

  it('names each kind in its messages', () => {
    expect(
      rabbitMqVhostHealth(
        topology('Vhost', [ready('True', 'SuccessfulCreateOrUpdate')]),
      ),
    ).toEqual({ status: 'Healthy', message: 'RabbitMQ vhost ready' });
    const nouns = Object.entries(rabbitMqTopologyHealthChecks).map(
      ([key, check]) => [key, check(topology(key.split('/')[1]))?.message],
    );
    expect(nouns).toEqual([
      ['rabbitmq.com/Binding', 'RabbitMQ binding status is unknown'],
      ['rabbitmq.com/Exchange', 'RabbitMQ exchange status is unknown'],
      ['rabbitmq.com/Permission', 'RabbitMQ permission status is unknown'],
      ['rabbitmq.com/Policy', 'RabbitMQ policy status is unknown'],
      ['rabbitmq.com/Queue', 'RabbitMQ queue status is unknown'],
      ['rabbitmq.com/Shovel', 'RabbitMQ shovel status is unknown'],
      ['rabbitmq.com/User', 'RabbitMQ user status is unknown'],
      ['rabbitmq.com/Vhost', 'RabbitMQ vhost status is unknown'],
    ]);
  });
});
