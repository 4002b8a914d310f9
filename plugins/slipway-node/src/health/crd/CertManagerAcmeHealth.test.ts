import {
  certManagerAcmeHealthChecks,
  challengeHealth,
  orderHealth,
} from './CertManagerAcmeHealth';
import { kube } from '../testObjects';

const acme = (kind: string, status?: object) =>
  kube('acme.cert-manager.io/v1', kind, status ? { status } : {});

describe('cert-manager ACME Challenge health', () => {
  const challenge = (status?: object) => acme('Challenge', status);

  it('is Progressing until cert-manager reports a state', () => {
    const waiting = { status: 'Progressing', message: 'Waiting for challenge' };
    expect(challengeHealth(challenge())).toEqual(waiting);
    expect(challengeHealth(challenge({ processing: true }))).toEqual(waiting);
    expect(challengeHealth(challenge({ state: '' }))).toEqual(waiting);
  });

  it('is Healthy once valid, whatever the reason says', () => {
    expect(
      challengeHealth(challenge({ state: 'valid', reason: 'stale' })),
    ).toEqual({ status: 'Healthy', message: 'Challenge is valid' });
  });

  it('is Degraded when invalid, expired or errored, quoting the reason', () => {
    for (const state of ['invalid', 'expired', 'errored']) {
      expect(challengeHealth(challenge({ state, reason: 'no TXT' }))).toEqual({
        status: 'Degraded',
        message: 'no TXT',
      });
    }
  });

  it('names the failed state when there is no reason', () => {
    expect(challengeHealth(challenge({ state: 'expired' }))).toEqual({
      status: 'Degraded',
      message: 'Challenge is expired',
    });
  });

  it('is Progressing while in flight, quoting the reason when given', () => {
    expect(
      challengeHealth(
        challenge({ state: 'pending', reason: 'Waiting for propagation' }),
      ),
    ).toEqual({ status: 'Progressing', message: 'Waiting for propagation' });
    expect(challengeHealth(challenge({ state: 'processing' }))).toEqual({
      status: 'Progressing',
      message: 'Challenge is processing',
    });
  });

  it('quotes an empty reason as it is: only a missing one falls back', () => {
    expect(
      challengeHealth(challenge({ state: 'pending', reason: '' })),
    ).toEqual({ status: 'Progressing', message: '' });
  });
});

describe('cert-manager ACME Order health', () => {
  const order = (status?: object) => acme('Order', status);

  it('is Progressing until cert-manager reports a state', () => {
    expect(orderHealth(order())).toEqual({
      status: 'Progressing',
      message: 'Waiting for order',
    });
  });

  it('is Healthy once valid', () => {
    expect(orderHealth(order({ state: 'valid' }))).toEqual({
      status: 'Healthy',
      message: 'Order is valid',
    });
  });

  it('is Degraded when failed, quoting the reason or naming the state', () => {
    expect(
      orderHealth(order({ state: 'errored', reason: 'ACME said 400' })),
    ).toEqual({ status: 'Degraded', message: 'ACME said 400' });
    expect(orderHealth(order({ state: 'invalid' }))).toEqual({
      status: 'Degraded',
      message: 'Order is invalid',
    });
  });

  it('only names the state while in flight, even with a reason', () => {
    expect(orderHealth(order({ state: 'ready', reason: 'ignored' }))).toEqual({
      status: 'Progressing',
      message: 'Order is ready',
    });
  });
});

describe('certManagerAcmeHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(certManagerAcmeHealthChecks).toEqual({
      'acme.cert-manager.io/Challenge': challengeHealth,
      'acme.cert-manager.io/Order': orderHealth,
    });
  });
});
