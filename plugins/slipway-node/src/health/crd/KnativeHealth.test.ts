import {
  knativeBrokerHealth,
  knativeHealthChecks,
  knativeServiceHealth,
  knativeTriggerHealth,
} from './KnativeHealth';
import { kube } from '../testObjects';

const service = (conditions?: object[]) =>
  kube('serving.knative.dev/v1', 'Service', {
    status: conditions ? { conditions } : {},
  });

const ready = (type: string) => ({ type, status: 'True' });

describe('Knative Serving Service', () => {
  it('waits until the controller reports conditions', () => {
    expect(knativeServiceHealth(service())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status update.',
    });
  });

  it('is healthy once configurations, routes and the service are ready', () => {
    expect(
      knativeServiceHealth(
        service([
          ready('ConfigurationsReady'),
          ready('RoutesReady'),
          ready('Ready'),
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Knative Service is healthy.' });
  });

  it('explains every condition that is not True, one line each', () => {
    expect(
      knativeServiceHealth(
        service([
          ready('ConfigurationsReady'),
          {
            type: 'Ready',
            status: 'Unknown',
            reason: 'RolloutInProgress',
            message: 'A rollout is in progress.',
          },
          { type: 'RoutesReady', status: 'Unknown' },
        ]),
      ),
    ).toEqual({
      status: 'Progressing',
      message:
        'Ready is Unknown, since RolloutInProgress. A rollout is in progress.\n' +
        'RoutesReady is Unknown\n',
    });
  });

  it('is degraded as soon as one condition is False', () => {
    expect(
      knativeServiceHealth(
        service([
          {
            type: 'ConfigurationsReady',
            status: 'False',
            reason: 'RevisionFailed',
          },
          { type: 'Ready', status: 'Unknown' },
          ready('RoutesReady'),
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'ConfigurationsReady is False, since RevisionFailed.\nReady is Unknown\n',
    });
  });

  it('does not count True conditions of other types towards readiness', () => {
    expect(
      knativeServiceHealth(
        service([ready('ConfigurationsReady'), ready('Ready'), ready('Other')]),
      ),
    ).toEqual({ status: 'Progressing', message: '' });
  });
});

describe.each([
  ['Broker', knativeBrokerHealth],
  ['Trigger', knativeTriggerHealth],
])('Knative Eventing %s', (kind, check) => {
  const obj = (conditions?: object[]) =>
    kube('eventing.knative.dev/v1', kind, {
      status: conditions ? { conditions } : undefined,
    });

  it('waits for a Ready condition', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for status update.',
    };
    expect(check(obj())).toEqual(waiting);
    expect(check(obj([ready('Addressable')]))).toEqual(waiting);
  });

  it('follows Ready: True is Healthy, False Degraded, Unknown Progressing', () => {
    expect(
      check(obj([{ type: 'Ready', status: 'True', message: 'up' }])),
    ).toEqual({
      status: 'Healthy',
      message: 'up',
    });
    expect(
      check(obj([{ type: 'Ready', status: 'False', reason: 'IngressFailed' }])),
    ).toEqual({ status: 'Degraded', message: 'IngressFailed' });
    expect(
      check(
        obj([{ type: 'Ready', status: 'Unknown', reason: 'NotConfigured' }]),
      ),
    ).toEqual({ status: 'Progressing', message: 'NotConfigured' });
  });

  it('falls back to its own words only when message and reason are absent', () => {
    expect(check(obj([ready('Ready')]))).toEqual({
      status: 'Healthy',
      message: `${kind} is ready`,
    });
    expect(check(obj([{ type: 'Ready', status: 'False' }]))).toEqual({
      status: 'Degraded',
      message: `${kind} is not ready`,
    });
    expect(check(obj([{ type: 'Ready', status: 'Unknown' }]))).toEqual({
      status: 'Progressing',
      message: 'Waiting for status update.',
    });
    // An empty message is still the controller's message.
    expect(
      check(obj([{ type: 'Ready', status: 'True', message: '' }])).message,
    ).toBe('');
  });
});

it('registers the Knative kinds under their Argo CD folder names', () => {
  expect(Object.keys(knativeHealthChecks).sort()).toEqual([
    'eventing.knative.dev/Broker',
    'eventing.knative.dev/Trigger',
    'serving.knative.dev/Service',
  ]);
});
