import {
  backendTLSPolicyHealth,
  gatewayApiHealthChecks,
  gatewayClassHealth,
  gatewayHealth,
  listenerSetHealth,
} from './GatewayApiHealth';
import {
  grpcRouteHealth,
  httpRouteHealth,
  tlsRouteHealth,
} from './GatewayApiRouteHealth';
import { kube } from '../testObjects';

const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});

const gw = (kind: string, status?: object, generation?: number) =>
  kube(
    'gateway.networking.k8s.io/v1',
    kind,
    status ? { status } : {},
    generation === undefined ? {} : { generation },
  );

describe('Gateway health', () => {
  const gateway = (status?: object) => gw('Gateway', status);
  const good = [cond('Accepted', 'True'), cond('Programmed', 'True')];

  it('waits until the controller reports conditions or listeners', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for Gateway status',
    };
    expect(gatewayHealth(gateway())).toEqual(waiting);
    expect(gatewayHealth(gateway({ listeners: [] }))).toEqual(waiting);
  });

  it('is Healthy with good conditions, or with listeners only', () => {
    const healthy = { status: 'Healthy', message: 'Gateway is healthy' };
    expect(gatewayHealth(gateway({ conditions: good }))).toEqual(healthy);
    expect(gatewayHealth(gateway({ listeners: [{ name: 'http' }] }))).toEqual(
      healthy,
    );
  });

  it('is Degraded by its own failed conditions', () => {
    expect(
      gatewayHealth(
        gateway({ conditions: [cond('Accepted', 'False', { message: 'no' })] }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no' });
  });

  it('is Progressing while it is being programmed', () => {
    expect(
      gatewayHealth(gateway({ conditions: [cond('Programmed', 'Unknown')] })),
    ).toEqual({
      status: 'Progressing',
      message: 'Gateway is still being programmed',
    });
  });

  it('quotes the first listener that fails or is being programmed', () => {
    expect(
      gatewayHealth(
        gateway({
          conditions: good,
          listeners: [
            { name: 'a' },
            { conditions: [cond('ResolvedRefs', 'False')] },
          ],
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Listener: Failed condition: ResolvedRefs',
    });
    expect(
      gatewayHealth(
        gateway({
          conditions: good,
          listeners: [{ conditions: [cond('Programmed', 'False')] }],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Listener: Listener is still being programmed',
    });
  });
});

describe('GatewayClass health', () => {
  const gatewayClass = (conditions?: object[], generation?: number) =>
    gw('GatewayClass', conditions ? { conditions } : undefined, generation);

  it('follows the Accepted condition, quoting it', () => {
    expect(
      gatewayClassHealth(
        gatewayClass([cond('Accepted', 'True', { message: 'ok' })]),
      ),
    ).toEqual({ status: 'Healthy', message: 'ok' });
    expect(
      gatewayClassHealth(
        gatewayClass([cond('Accepted', 'False', { message: 'bad' })]),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad' });
    expect(
      gatewayClassHealth(
        gatewayClass([cond('Accepted', 'Unknown', { message: 'pending' })]),
      ),
    ).toEqual({ status: 'Progressing', message: 'pending' });
  });

  it('has default messages when the condition has none', () => {
    expect(
      gatewayClassHealth(gatewayClass([cond('Accepted', 'True')])),
    ).toEqual({ status: 'Healthy', message: 'GatewayClass is accepted' });
    expect(
      gatewayClassHealth(gatewayClass([cond('Accepted', 'False')])),
    ).toEqual({ status: 'Degraded', message: 'GatewayClass is not accepted' });
    expect(
      gatewayClassHealth(gatewayClass([cond('Accepted', 'Unknown')])),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for GatewayClass status',
    });
  });

  it('skips an Accepted condition about an older generation', () => {
    const old = cond('Accepted', 'True', { observedGeneration: 1 });
    expect(gatewayClassHealth(gatewayClass([old], 2))).toEqual({
      status: 'Progressing',
      message: 'Waiting for GatewayClass status',
    });
    const current = cond('Accepted', 'False', {
      observedGeneration: 2,
      message: 'now rejected',
    });
    expect(gatewayClassHealth(gatewayClass([old, current], 2))).toEqual({
      status: 'Degraded',
      message: 'now rejected',
    });
    expect(gatewayClassHealth(gatewayClass())).toEqual({
      status: 'Progressing',
      message: 'Waiting for GatewayClass status',
    });
  });
});

describe('ListenerSet health', () => {
  const good = [cond('Accepted', 'True'), cond('Programmed', 'True')];
  const listenerSet = (status?: object, generation?: number) =>
    gw('ListenerSet', status, generation);
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for ListenerSet status',
  };

  it('waits without a status, a current one, or listeners', () => {
    expect(listenerSetHealth(listenerSet())).toEqual(waiting);
    expect(
      listenerSetHealth(
        listenerSet({ conditions: [{ ...good[0], observedGeneration: 1 }] }, 2),
      ),
    ).toEqual(waiting);
    expect(
      listenerSetHealth(listenerSet({ conditions: good, listeners: [] })),
    ).toEqual(waiting);
  });

  it('fails, as the Lua script does, on a status without conditions', () => {
    expect(listenerSetHealth(listenerSet({ listeners: [] }))?.status).toBe(
      'Unknown',
    );
  });

  it('is Healthy when its listeners are all good', () => {
    expect(
      listenerSetHealth(
        listenerSet({
          conditions: good,
          listeners: [{ name: 'new' }, { conditions: good }],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'ListenerSet is healthy' });
  });

  it('is Degraded when not accepted, even after a programming condition', () => {
    expect(
      listenerSetHealth(
        listenerSet({
          conditions: [
            cond('Programmed', 'False', { message: 'programming' }),
            cond('Accepted', 'False', { message: 'no valid listeners' }),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no valid listeners' });
    expect(
      listenerSetHealth(
        listenerSet({ conditions: [cond('Accepted', 'False')] }),
      )?.status,
    ).toBe('Unknown');
  });

  it('is Progressing while being programmed, quoting the last such condition', () => {
    expect(
      listenerSetHealth(
        listenerSet({
          conditions: [
            cond('Programmed', 'False', { message: 'first' }),
            cond('Programmed', 'Unknown'),
          ],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'ListenerSet is still being programmed',
    });
  });

  it('is Degraded by a listener with bad references, a conflict or a rejection', () => {
    const withListener = (conditions: object[]) =>
      listenerSetHealth(
        listenerSet({ conditions: good, listeners: [{ conditions }] }),
      );
    expect(
      withListener([cond('ResolvedRefs', 'False', { message: 'no cert' })]),
    ).toEqual({ status: 'Degraded', message: 'Listener: no cert' });
    expect(withListener([cond('Conflicted', 'True')])).toEqual({
      status: 'Degraded',
      message: 'Listener: Listener is conflicted',
    });
    expect(
      withListener([
        cond('Programmed', 'False'),
        cond('Accepted', 'False', { message: 'bad protocol' }),
      ]),
    ).toEqual({ status: 'Degraded', message: 'Listener: bad protocol' });
    expect(withListener([cond('ResolvedRefs', 'False')])?.status).toBe(
      'Unknown',
    );
  });

  it('is Progressing while a listener is being programmed', () => {
    expect(
      listenerSetHealth(
        listenerSet({
          conditions: good,
          listeners: [{ conditions: [cond('Programmed', 'False')] }],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Listener: Listener is still being programmed',
    });
  });
});

describe('BackendTLSPolicy health', () => {
  const policy = (ancestors?: object[], generation?: number) =>
    gw('BackendTLSPolicy', ancestors ? { ancestors } : undefined, generation);
  const ancestor = (
    name: string,
    controllerName: string,
    conditions?: object[],
  ) => ({ ancestorRef: { name }, controllerName, conditions });
  const acceptedTrue = cond('Accepted', 'True');
  const notFound = cond('Accepted', 'False', {
    reason: 'TargetNotFound',
    message: 'no such service',
  });
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for BackendTLSPolicy status',
  };
  const healthy = { status: 'Healthy', message: 'BackendTLSPolicy is healthy' };

  it('waits until an ancestor accepts it', () => {
    expect(backendTLSPolicyHealth(policy())).toEqual(waiting);
    expect(backendTLSPolicyHealth(policy([ancestor('gw', 'c')]))).toEqual(
      waiting,
    );
    expect(
      backendTLSPolicyHealth(
        policy([ancestor('gw', 'c', [cond('ResolvedRefs', 'True')])]),
      ),
    ).toEqual(waiting);
  });

  it('waits for an ancestor that reports on an older generation', () => {
    const stale = { ...acceptedTrue, observedGeneration: 1 };
    expect(
      backendTLSPolicyHealth(
        policy(
          [
            ancestor('a', 'c', [{ ...acceptedTrue, observedGeneration: 2 }]),
            ancestor('b', 'c', [stale]),
          ],
          2,
        ),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for Ancestor b to update BackendTLSPolicy status',
    });
  });

  it('is Healthy once accepted', () => {
    expect(
      backendTLSPolicyHealth(policy([ancestor('gw', 'c', [acceptedTrue])])),
    ).toEqual(healthy);
  });

  it('is Degraded when an ancestor rejects it or cannot resolve references', () => {
    expect(
      backendTLSPolicyHealth(
        policy([
          ancestor('gw', 'c', [
            acceptedTrue,
            cond('ResolvedRefs', 'False', { message: 'no CA' }),
          ]),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Ancestor gw: no CA' });
    expect(
      backendTLSPolicyHealth(
        policy([
          ancestor('gw', 'c', [cond('Accepted', 'Unknown', { message: '?' })]),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Ancestor gw: ?' });
    expect(
      backendTLSPolicyHealth(
        policy([ancestor('gw', 'c', [cond('Accepted', 'False')])]),
      )?.status,
    ).toBe('Unknown');
  });

  it('ignores a missing target reported by a controller other than the one that accepted', () => {
    expect(
      backendTLSPolicyHealth(
        policy([
          ancestor('svc', 'mesh', [notFound]),
          ancestor('svc', 'gateway', [acceptedTrue]),
        ]),
      ),
    ).toEqual(healthy);
  });

  it('is Degraded by a missing target nobody else accepted', () => {
    expect(
      backendTLSPolicyHealth(policy([ancestor('gw', 'c', [notFound])])),
    ).toEqual({ status: 'Degraded', message: 'Ancestor gw: no such service' });
    expect(
      backendTLSPolicyHealth(
        policy([
          ancestor('ok', 'same', [acceptedTrue]),
          ancestor('missing', 'same', [notFound]),
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Ancestor missing: no such service',
    });
  });
});

describe('gatewayApiHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(gatewayApiHealthChecks).toEqual({
      'gateway.networking.k8s.io/Gateway': gatewayHealth,
      'gateway.networking.k8s.io/GatewayClass': gatewayClassHealth,
      'gateway.networking.k8s.io/HTTPRoute': httpRouteHealth,
      'gateway.networking.k8s.io/GRPCRoute': grpcRouteHealth,
      'gateway.networking.k8s.io/TLSRoute': tlsRouteHealth,
      'gateway.networking.k8s.io/ListenerSet': listenerSetHealth,
      'gateway.networking.k8s.io/BackendTLSPolicy': backendTLSPolicyHealth,
    });
  });
});
