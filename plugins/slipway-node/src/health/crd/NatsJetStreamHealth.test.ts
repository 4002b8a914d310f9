import {
  nackResourceHealth,
  natsJetStreamHealthChecks,
} from './NatsJetStreamHealth';
import { kube } from '../testObjects';

const stream = (conditions?: object[]) =>
  kube(
    'jetstream.nats.io/v1beta2',
    'Stream',
    conditions ? { status: { conditions } } : {},
  );
const ready = (reason: string, extra: object = {}) => ({
  type: 'Ready',
  status: 'True',
  reason,
  message: `${reason} stream`,
  lastTransitionTime: '2025-05-14T14:22:01.962295009Z',
  ...extra,
});

/** The transition above, read as local time, as Argo CD's script reads it. */
const transition = new Date(2025, 4, 14, 14, 22, 1).getTime();

describe('NACK (NATS JetStream controller) health', () => {
  it('waits for NACK until it reports a condition', () => {
    expect(nackResourceHealth(stream())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Nacks',
    });
  });

  it('is Degraded with the message of any False condition', () => {
    expect(
      nackResourceHealth(
        stream([
          {
            type: 'Ready',
            status: 'False',
            reason: 'Errored',
            message: 'failed to create stream',
          },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'failed to create stream' });
  });

  it('is Healthy once Ready with a settled reason', () => {
    for (const reason of [
      'Created',
      'Updated',
      'Noop',
      'SkipCreate',
      'SkipUpdate',
    ]) {
      expect(nackResourceHealth(stream([ready(reason)]), transition)).toEqual({
        status: 'Healthy',
        message: `${reason} stream`,
      });
    }
  });

  it('gives NACK 30 seconds to settle, then calls it stuck', () => {
    const creating = stream([ready('Creating')]);
    expect(nackResourceHealth(creating, transition + 30_000)).toEqual({
      status: 'Progressing',
      message: 'Creating stream',
    });
    expect(nackResourceHealth(creating, transition + 31_000)).toEqual({
      status: 'Degraded',
      message: 'Trying to create resource for more than 30 seconds',
    });
  });

  it('counts a transition time without fractional seconds as long ago', () => {
    expect(
      nackResourceHealth(
        stream([
          ready('Creating', { lastTransitionTime: '2025-05-14T14:22:01Z' }),
        ]),
        transition,
      ).status,
    ).toBe('Degraded');
  });

  it('reports a missing transition time as a failed check', () => {
    expect(
      nackResourceHealth(
        stream([ready('Creating', { lastTransitionTime: undefined })]),
      ).status,
    ).toBe('Unknown');
  });

  it('checks all five NACK kinds the same way', () => {
    expect(Object.keys(natsJetStreamHealthChecks).sort()).toEqual([
      'jetstream.nats.io/Account',
      'jetstream.nats.io/Consumer',
      'jetstream.nats.io/KeyValue',
      'jetstream.nats.io/ObjectStore',
      'jetstream.nats.io/Stream',
    ]);
    const check = natsJetStreamHealthChecks['jetstream.nats.io/Consumer'];
    expect(check(stream([ready('Created')]))?.status).toBe('Healthy');
  });
});
