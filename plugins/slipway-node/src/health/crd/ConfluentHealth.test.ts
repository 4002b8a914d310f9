import {
  confluentConnectHealth,
  confluentConnectorHealth,
  confluentControlCenterHealth,
  confluentHealthChecks,
  confluentKafkaHealth,
  confluentKsqlDbHealth,
  confluentSchemaRegistryHealth,
  confluentZookeeperHealth,
} from './ConfluentHealth';
import { kube } from '../testObjects';

const API = 'platform.confluent.io/v1beta1';

describe.each([
  ['Connect', confluentConnectHealth],
  ['ControlCenter', confluentControlCenterHealth],
  ['Kafka', confluentKafkaHealth],
  ['KsqlDB', confluentKsqlDbHealth],
  ['SchemaRegistry', confluentSchemaRegistryHealth],
  ['Zookeeper', confluentZookeeperHealth],
])('Confluent %s', (kind, check) => {
  const withPhase = (phase?: string) =>
    check(kube(API, kind, { status: phase ? { phase } : undefined }));

  it('is registered under its Argo CD folder name', () => {
    expect(confluentHealthChecks[`platform.confluent.io/${kind}`]).toBe(check);
  });

  it('is healthy while running and progressing while provisioning', () => {
    expect(withPhase('RUNNING')).toEqual({
      status: 'Healthy',
      message: `${kind} running`,
    });
    expect(withPhase('PROVISIONING')).toEqual({
      status: 'Progressing',
      message: `${kind} provisioning`,
    });
  });

  it('waits for the operator otherwise', () => {
    const waiting = { status: 'Progressing', message: `Waiting for ${kind}` };
    expect(withPhase()).toEqual(waiting);
    expect(withPhase('FAILED')).toEqual(waiting);
  });
});

describe('Confluent Connector', () => {
  const connector = (status?: object) =>
    confluentConnectorHealth(kube(API, 'Connector', { status }));
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for Kafka Connector',
  };

  it('is healthy when created and running without failed tasks', () => {
    expect(connector({ state: 'CREATED', connectorState: 'RUNNING' })).toEqual({
      status: 'Healthy',
      message: 'Connector running',
    });
  });

  it('is degraded in the ERROR state, quoting the single condition', () => {
    expect(
      connector({
        state: 'ERROR',
        conditions: [
          { type: 'platform.confluent.io/app-ready', message: 'bad config' },
        ],
      }),
    ).toEqual({ status: 'Degraded', message: 'bad config' });
    expect(connector({ state: 'ERROR', conditions: [] })).toEqual({
      status: 'Degraded',
      message: 'No conditions available',
    });
    expect(connector({ state: 'ERROR', conditions: [{}] })).toEqual({
      status: 'Degraded',
    });
  });

  it('is degraded with failed tasks', () => {
    expect(
      connector({
        state: 'CREATED',
        connectorState: 'RUNNING',
        failedTasksCount: 2,
      }),
    ).toEqual({ status: 'Degraded', message: 'Connector has failed tasks' });
  });

  it('waits otherwise, even with a failed-task count of zero', () => {
    expect(connector()).toEqual(waiting);
    expect(connector({})).toEqual(waiting);
    expect(connector({ state: 'CREATED' })).toEqual(waiting);
    expect(
      connector({
        state: 'CREATED',
        connectorState: 'RUNNING',
        failedTasksCount: 0,
      }),
    ).toEqual(waiting);
  });

  it('is unknown where the upstream script fails', () => {
    expect(
      connector({ state: 'CREATED', failedTasksCount: 'many' }).status,
    ).toBe('Unknown');
  });

  it('leaves null conditions out, as Argo CD does when it builds the Lua table', () => {
    expect(connector({ state: 'ERROR', conditions: [null] })).toEqual({
      status: 'Degraded',
      message: 'No conditions available',
    });
    expect(
      connector({
        state: 'ERROR',
        conditions: [null, { message: 'bad config' }],
      }),
    ).toEqual({ status: 'Degraded', message: 'bad config' });
  });
});
