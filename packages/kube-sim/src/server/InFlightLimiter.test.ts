import { request } from 'node:http';
import { KubeSim, startKubeSim } from '../startKubeSim';
import { configMap, rest, Rest } from '../__testUtils__/rest';

/**
 * The max-in-flight filter: a mutating request that finds every mutating
 * slot taken is refused with 429 and Retry-After, read-only requests and
 * watches count apart.
 */
describe('requests in flight', () => {
  let sim: KubeSim;
  let api: Rest;

  beforeEach(async () => {
    sim = await startKubeSim({
      podReadyDelayMs: 0,
      log: () => {},
      requestLimits: { maxMutatingRequestsInFlight: 1 },
    });
    api = rest(sim);
  });
  afterEach(() => sim.stop());

  const createSecond = () =>
    api.post('/api/v1/namespaces/default/configmaps', configMap('second'));

  /** Starts a create whose body is not sent yet: it holds a mutating slot until `finish`. */
  async function heldCreate(name: string) {
    const url = new URL(sim.url);
    const body = JSON.stringify(configMap(name));
    let answered: (status: number) => void = () => {};
    const done = new Promise<number>(resolve => {
      answered = resolve;
    });
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        headers: {
          authorization: `Bearer ${sim.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      res => {
        res.resume();
        res.on('end', () => answered(res.statusCode ?? 0));
      },
    );
    req.write(body.slice(0, 10));
    req.flushHeaders();
    // the server has taken the request once a read-only request, answered after it, comes back
    await api.get('/api/v1/namespaces/default/configmaps');
    return {
      finish: () => {
        req.end(body.slice(10));
        return done;
      },
    };
  }

  it('refuses a mutating request beyond the limit with 429 and Retry-After, and admits it once a slot is free', async () => {
    const held = await heldCreate('held');

    const refused = await createSecond();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({
      kind: 'Status',
      reason: 'TooManyRequests',
      message: 'Too many requests, please try again later.',
      details: { retryAfterSeconds: 1 },
      code: 429,
    });
    // read-only requests have their own slots
    expect(
      (await api.get('/api/v1/namespaces/default/configmaps')).status,
    ).toBe(200);

    expect(await held.finish()).toBe(201);
    expect((await createSecond()).status).toBe(201);
  });

  it('has no limit unless one is set', async () => {
    sim.setRequestLimits({});
    const held = await heldCreate('held');
    expect((await createSecond()).status).toBe(201);
    expect(await held.finish()).toBe(201);
  });
});
