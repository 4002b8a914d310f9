import {
  conditionsVerdict,
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

const accepted = cond('Accepted', 'True', { message: 'accepted' });
const resolved = cond('ResolvedRefs', 'True', { message: 'resolved' });
const programmed = cond('Programmed', 'True', { message: 'programmed' });

/** A parent entry, attached to the Gateway `name` (none when null). */
const parent = (conditions?: object[], name: string | null = 'gw') => ({
  parentRef: name === null ? {} : { name },
  controllerName: 'example.io/gateway-controller',
  ...(conditions ? { conditions } : {}),
});

const route = (
  kind: string,
  parents?: object[],
  generation?: number,
  status = true,
) =>
  kube(
    'gateway.networking.k8s.io/v1',
    kind,
    status ? { status: parents ? { parents } : {} } : {},
    generation === undefined ? {} : { generation },
  );

describe('conditionsVerdict', () => {
  it('says nothing about conditions that are all good', () => {
    expect(conditionsVerdict([accepted, resolved, programmed], 'x')).toBe(
      undefined,
    );
  });

  it('puts unresolved references before a rejection', () => {
    expect(
      conditionsVerdict(
        [
          cond('Accepted', 'False', { message: 'rejected' }),
          cond('ResolvedRefs', 'False', { message: 'no backend' }),
        ],
        'x',
      ),
    ).toEqual({ status: 'Degraded', message: 'no backend' });
  });

  it('names the failed condition when the controller gave no message', () => {
    expect(conditionsVerdict([cond('Accepted', 'False')], 'x')).toEqual({
      status: 'Degraded',
      message: 'Failed condition: Accepted',
    });
  });

  it('keeps an empty message as written', () => {
    expect(
      conditionsVerdict([cond('Accepted', 'False', { message: '' })], 'x'),
    ).toEqual({ status: 'Degraded', message: '' });
  });

  it('is Progressing while Programmed is not True, with a default text', () => {
    expect(
      conditionsVerdict([cond('Programmed', 'Unknown')], 'still programming'),
    ).toEqual({ status: 'Progressing', message: 'still programming' });
    expect(conditionsVerdict([cond('Accepted', 'Unknown')], 'x')).toBe(
      undefined,
    );
  });
});

describe.each([
  ['HTTPRoute', httpRouteHealth],
  ['GRPCRoute', grpcRouteHealth],
])('%s health', (kind, check) => {
  it('is Healthy when a parent reports good conditions', () => {
    expect(check(route(kind, [parent([accepted, resolved])]))).toEqual({
      status: 'Healthy',
      message: `${kind} is healthy`,
    });
  });

  it('is Degraded when a parent cannot resolve backends or rejects it', () => {
    const noBackend = cond('ResolvedRefs', 'False', { message: 'not found' });
    expect(check(route(kind, [parent([accepted, noBackend])]))).toEqual({
      status: 'Degraded',
      message: 'Parent gw: not found',
    });
    expect(
      check(route(kind, [parent([cond('Accepted', 'False')], null)])),
    ).toEqual({
      status: 'Degraded',
      message: 'Parent : Failed condition: Accepted',
    });
  });

  it('is Progressing while a parent is programming it', () => {
    expect(
      check(route(kind, [parent([cond('Programmed', 'False'), accepted])])),
    ).toEqual({
      status: 'Progressing',
      message: 'Parent gw: Route is still being programmed',
    });
  });

  it('lets the first deciding parent speak', () => {
    expect(
      check(
        route(kind, [
          parent([accepted]),
          parent([cond('Accepted', 'False', { message: 'b says no' })], 'b'),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Parent b: b says no' });
  });

  it('ignores parents that report on an older generation', () => {
    const old = (c: object) => ({ ...c, observedGeneration: 1 });
    const current = (c: object) => ({ ...c, observedGeneration: 2 });
    const stale = parent([old(cond('Accepted', 'False', { message: 'old' }))]);
    const fresh = parent([current(accepted), current(resolved)], 'new');
    expect(check(route(kind, [stale, fresh], 2))).toEqual({
      status: 'Healthy',
      message: `${kind} is healthy`,
    });
    expect(check(route(kind, [stale], 2))).toEqual({
      status: 'Progressing',
      message: `Waiting for ${kind} status`,
    });
  });

  it('waits while reported parents have no conditions yet', () => {
    expect(check(route(kind, [parent([])]))).toEqual({
      status: 'Progressing',
      message: `Waiting for ${kind} status`,
    });
    expect(check(route(kind, [parent()]))).toEqual({
      status: 'Progressing',
      message: `Waiting for ${kind} status`,
    });
  });

  it('fails, as the Lua script does, on a deciding parent without parentRef', () => {
    const health = check(
      route(kind, [{ conditions: [cond('Accepted', 'False')] }]),
    );
    expect(health?.status).toBe('Unknown');
  });
});

describe('HTTPRoute health without parents', () => {
  it('assumes a route no controller reports on is Healthy', () => {
    const assumed = {
      status: 'Healthy',
      message:
        'No status reported by the Gateway controller; assuming HTTPRoute is healthy',
    };
    expect(httpRouteHealth(route('HTTPRoute', undefined, 1, false))).toEqual(
      assumed,
    );
    expect(httpRouteHealth(route('HTTPRoute'))).toEqual(assumed);
    expect(httpRouteHealth(route('HTTPRoute', []))).toEqual(assumed);
  });
});

describe('GRPCRoute health without parents', () => {
  it('keeps waiting for the controller', () => {
    expect(grpcRouteHealth(route('GRPCRoute', []))).toEqual({
      status: 'Progressing',
      message: 'Waiting for GRPCRoute status',
    });
  });
});

describe('TLSRoute health', () => {
  const tls = (parents?: object[], generation?: number) =>
    route('TLSRoute', parents, generation);

  it('is Healthy once a parent accepted it and resolved its backends', () => {
    expect(tlsRouteHealth(tls([parent([accepted, resolved])]))).toEqual({
      status: 'Healthy',
      message: 'TLSRoute is healthy',
    });
  });

  it('is Degraded by a False ResolvedRefs or Accepted', () => {
    expect(
      tlsRouteHealth(tls([parent([cond('ResolvedRefs', 'False')])])),
    ).toEqual({
      status: 'Degraded',
      message: 'Parent gw: Failed condition: ResolvedRefs',
    });
    expect(
      tlsRouteHealth(
        tls([parent([cond('Accepted', 'False', { message: 'no' })])]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Parent gw: no' });
  });

  it('treats an empty failure message as missing', () => {
    expect(
      tlsRouteHealth(
        tls([parent([cond('Accepted', 'False', { message: '' })], null)]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Parent : Failed condition: Accepted',
    });
  });

  it('is Progressing while any parent is still programming it', () => {
    expect(
      tlsRouteHealth(
        tls([
          parent([accepted, resolved]),
          parent([cond('Programmed', 'False', { message: 'soon' })], 'b'),
          parent([cond('Programmed', 'False', { message: 'later' })], 'c'),
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'Parent b: soon' });
  });

  it('waits for Accepted and ResolvedRefs when no parent is healthy', () => {
    expect(tlsRouteHealth(tls([parent([programmed])]))).toEqual({
      status: 'Progressing',
      message: 'Parent gw: Waiting for TLSRoute conditions',
    });
    expect(
      tlsRouteHealth(tls([parent([accepted]), parent([accepted, resolved])])),
    ).toEqual({ status: 'Healthy', message: 'TLSRoute is healthy' });
  });

  it('ignores stale parents and waits without any', () => {
    const stale = parent([{ ...accepted, observedGeneration: 1 }]);
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for TLSRoute status',
    };
    expect(tlsRouteHealth(tls([stale], 2))).toEqual(waiting);
    expect(tlsRouteHealth(tls([parent([])]))).toEqual(waiting);
    expect(tlsRouteHealth(tls())).toEqual(waiting);
  });
});
