import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionContext } from '../__testUtils__/gitopsRepository';
import { createSyncApplicationAction } from './syncApplicationAction';

/** A stand-in for the Slipway backend's application routes, with scripted answers. */
class FakeSlipwayBackend {
  server = http.createServer((req, res) => this.handle(req, res));
  requests: Array<{ method: string; url: string; authorization?: string; body: string }> = [];
  syncAnswer: { status: number; body: unknown } = { status: 202, body: { operation: { id: 'op-1', phase: 'Running' } } };
  /** The states GET returns, one per call; the last one repeats. */
  states: unknown[] = [];

  async start() {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/slipway`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      this.requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === '/api/slipway/applications/default/payments-qa/sync') {
        send(this.syncAnswer.status, this.syncAnswer.body);
      } else if (req.method === 'GET' && req.url === '/api/slipway/applications/default/payments-qa') {
        const state = this.states.length > 1 ? this.states.shift() : this.states[0];
        if (state) send(200, state);
        else send(404, { error: { name: 'NotFoundError', message: 'no such application' } });
      } else {
        send(404, { error: { name: 'NotFoundError', message: `no route ${req.url}` } });
      }
    });
  }
}

function app(sync: string, health: string, operation?: { id: string; phase: string; message?: string }) {
  return { entityRef: 'application:default/payments-qa', name: 'payments-qa', sync: { status: sync, revision: 'abc123' }, health: { status: health }, operation, conditions: [] };
}

describe('slipway:application:sync', () => {
  let backend: FakeSlipwayBackend;
  let action: ReturnType<typeof createSyncApplicationAction>;

  beforeEach(async () => {
    backend = new FakeSlipwayBackend();
    const base = await backend.start();
    action = createSyncApplicationAction({
      discovery: { getBaseUrl: async () => base, getExternalBaseUrl: async () => base },
      auth: mockServices.auth(),
      pollIntervalMs: 10,
    });
  });
  afterEach(() => new Promise(resolve => backend.server.close(resolve)));

  const run = async (input: Record<string, unknown>, options: { isDryRun?: boolean } = {}) => {
    const ctx = actionContext(input, options);
    await action.handler(ctx as any);
    return ctx.outputs();
  };

  it('starts a sync with a token for the slipway plugin on behalf of the user', async () => {
    const out = await run({ application: 'application:default/payments-qa', prune: true });
    expect(out).toEqual({ entityRef: 'application:default/payments-qa', operationId: 'op-1' });
    expect(backend.requests).toHaveLength(1);
    expect(JSON.parse(backend.requests[0].body)).toEqual({ prune: true });
    expect(backend.requests[0].authorization).toMatch(/^Bearer mock-.*user.*slipway/);
  });

  it('waits until its operation succeeded and the Application is Synced and Healthy', async () => {
    backend.states = [
      app('Synced', 'Healthy'),
      app('OutOfSync', 'Missing', { id: 'op-1', phase: 'Running' }),
      app('Synced', 'Progressing', { id: 'op-1', phase: 'Succeeded' }),
      app('Synced', 'Healthy', { id: 'op-1', phase: 'Succeeded' }),
    ];
    const out = await run({ application: 'payments-qa', wait: true });
    expect(out).toMatchObject({ syncStatus: 'Synced', healthStatus: 'Healthy', revision: 'abc123' });
    expect(backend.requests.filter(r => r.method === 'GET')).toHaveLength(4);
  });

  it('fails with the operation message when the sync fails', async () => {
    backend.states = [app('OutOfSync', 'Degraded', { id: 'op-1', phase: 'Failed', message: 'one or more objects failed to apply' })];
    await expect(run({ application: 'payments-qa', wait: true })).rejects.toThrow(
      "the sync of application:default/payments-qa ended Failed: one or more objects failed to apply; look at the Application's page",
    );
  });

  it('fails after the timeout naming the last status', async () => {
    backend.states = [app('Synced', 'Progressing', { id: 'op-1', phase: 'Succeeded' })];
    await expect(run({ application: 'payments-qa', wait: true, timeoutSeconds: 1 })).rejects.toThrow(
      'application:default/payments-qa did not become Synced and Healthy within 1 s (sync Synced, health Progressing, last operation Succeeded)',
    );
  });

  it.each([
    [403, 'NotAllowedError', 'you may not sync Application application:default/payments-qa (denied by policy); ask its owners'],
    [409, 'ConflictError', 'Application application:default/payments-qa cannot be synced now: an operation is running'],
    [404, 'NotFoundError', 'Application application:default/payments-qa is not known to Slipway (no such application)'],
  ])('turns HTTP %s into a %s with the reason', async (status, name, message) => {
    const reason = { 403: 'denied by policy', 409: 'an operation is running', 404: 'no such application' }[status];
    backend.syncAnswer = { status, body: { error: { name, message: reason } } };
    await expect(run({ application: 'payments-qa' })).rejects.toMatchObject({ name, message: expect.stringContaining(message) });
  });

  it('waits for an Application that does not exist yet when asked to wait', async () => {
    backend.syncAnswer = { status: 404, body: { error: { message: 'no such application' } } };
    setTimeout(() => {
      backend.syncAnswer = { status: 202, body: { operation: { id: 'op-2', phase: 'Running' } } };
      backend.states = [app('Synced', 'Healthy', { id: 'op-2', phase: 'Succeeded' })];
    }, 100);
    const out = await run({ application: 'payments-qa', wait: true, timeoutSeconds: 5 });
    expect(out).toMatchObject({ operationId: 'op-2', healthStatus: 'Healthy' });
  });

  it('when asked to wait, syncs after the automated sync that got there first', async () => {
    const automated = { id: 'op-auto', kind: 'sync', phase: 'Running', initiator: 'automated' };
    backend.syncAnswer = {
      status: 409,
      body: { error: { name: 'ConflictError', message: 'operation op-auto (sync by automated) is running' }, operation: automated },
    };
    setTimeout(() => {
      backend.syncAnswer = { status: 202, body: { operation: { id: 'op-3', phase: 'Queued' } } };
      backend.states = [app('Synced', 'Healthy', { id: 'op-3', phase: 'Succeeded' })];
    }, 100);
    const out = await run({ application: 'payments-qa', wait: true, timeoutSeconds: 5 });
    expect(out).toMatchObject({ operationId: 'op-3', syncStatus: 'Synced', healthStatus: 'Healthy' });
    expect(backend.requests.filter(r => r.method === 'POST').length).toBeGreaterThan(1);
  });

  it('does not wait out a 409 that names no operation (a sync window), nor without wait', async () => {
    backend.syncAnswer = { status: 409, body: { error: { name: 'ConflictError', message: 'a deny sync window is active' } } };
    await expect(run({ application: 'payments-qa', wait: true, timeoutSeconds: 5 })).rejects.toThrow(
      'Application application:default/payments-qa cannot be synced now: a deny sync window is active',
    );
    backend.syncAnswer = {
      status: 409,
      body: { error: { message: 'operation op-auto is running' }, operation: { id: 'op-auto', phase: 'Running' } },
    };
    await expect(run({ application: 'payments-qa' })).rejects.toThrow('cannot be synced now: operation op-auto is running');
    expect(backend.requests.filter(r => r.method === 'POST')).toHaveLength(2);
  });

  it('refuses what is not an Application and does nothing in a dry run', async () => {
    await expect(run({ application: 'component:default/payments' })).rejects.toThrow(
      "'component:default/payments' is not an Application entity ref",
    );
    await run({ application: 'payments-qa', wait: true }, { isDryRun: true });
    expect(backend.requests).toHaveLength(0);
  });
});
