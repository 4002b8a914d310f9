import { glooHealthChecks, glooResourceHealth } from './GlooHealth';
import { kube } from '../testObjects';

const virtualService = (status?: object) =>
  kube('gateway.solo.io/v1', 'VirtualService', status ? { status } : {});
const inProgress = { status: 'Progressing', message: 'Update in progress' };
const validated = {
  status: 'Healthy',
  message: 'The resource has been validated',
};
const notValidated = {
  status: 'Suspended',
  message: 'The resource has not yet been validated',
};

describe('Gloo Edge resource health', () => {
  it('is in progress until Gloo reports a validation status', () => {
    expect(glooResourceHealth(virtualService())).toEqual(inProgress);
    expect(glooResourceHealth(virtualService({ statuses: {} }))).toEqual(
      inProgress,
    );
  });

  it('reads the per-namespace statuses by state name', () => {
    const ns = (s: object) =>
      virtualService({ statuses: { 'gloo-system': s } });
    expect(glooResourceHealth(ns({ state: 'Accepted' }))).toEqual(validated);
    expect(glooResourceHealth(ns({ state: 'Pending' }))).toEqual(notValidated);
    expect(
      glooResourceHealth(ns({ state: 'Warning', reason: 'check routes' })),
    ).toEqual({ status: 'Degraded', message: 'check routes' });
    expect(
      glooResourceHealth(ns({ state: 'Rejected', reason: 'invalid' })),
    ).toEqual({ status: 'Degraded', message: 'invalid' });
  });

  it('reads the older enum numbers too, and a missing reason is no message', () => {
    const top = (s: object) => virtualService(s);
    expect(glooResourceHealth(top({ state: 0 }))).toEqual(notValidated);
    expect(glooResourceHealth(top({ state: 1 }))).toEqual(validated);
    expect(glooResourceHealth(top({ state: 2 }))).toEqual({
      status: 'Degraded',
    });
    expect(glooResourceHealth(top({ state: 3, reason: 'w' }))).toEqual({
      status: 'Degraded',
      message: 'w',
    });
  });

  it('does not take a number written as text for the enum', () => {
    expect(glooResourceHealth(virtualService({ state: '1' }))).toEqual(
      inProgress,
    );
  });

  it('lets the first namespace with a known state decide', () => {
    expect(
      glooResourceHealth(
        virtualService({
          statuses: {
            first: { state: 'Unknown' },
            second: { state: 'Rejected', reason: 'bad' },
            third: { state: 'Accepted' },
          },
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad' });
  });

  it('falls back to the top-level state when no namespace decided', () => {
    expect(
      glooResourceHealth(
        virtualService({
          statuses: { a: { state: 'Odd' } },
          state: 'Accepted',
        }),
      ),
    ).toEqual(validated);
    expect(glooResourceHealth(virtualService({ state: 'Odd' }))).toEqual(
      inProgress,
    );
  });
});

describe('glooHealthChecks', () => {
  it('covers every Gloo Edge kind Argo CD has a script for', () => {
    expect(Object.keys(glooHealthChecks).sort()).toEqual([
      'gateway.solo.io/Gateway',
      'gateway.solo.io/MatchableHttpGateway',
      'gateway.solo.io/RouteOption',
      'gateway.solo.io/RouteTable',
      'gateway.solo.io/VirtualHostOption',
      'gateway.solo.io/VirtualService',
      'gloo.solo.io/Proxy',
      'gloo.solo.io/Settings',
      'gloo.solo.io/Upstream',
      'gloo.solo.io/UpstreamGroup',
    ]);
  });
});
