import { ResponseError } from '@backstage/errors';
import { SlipwayClient } from './SlipwayClient';

/** A fetch that records requests and answers from a table of path → response. */
function fakeBackend(answers: Record<string, { status: number; body?: unknown }>) {
  const requests: Array<{ url: string; method: string; body?: unknown }> = [];
  const client = new SlipwayClient({
    discoveryApi: { getBaseUrl: async plugin => `http://backend/api/${plugin}` },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        const url = String(input);
        requests.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
        const answer = answers[url.replace('http://backend/api/slipway', '')] ?? { status: 404, body: { error: { name: 'NotFoundError', message: 'no route' } } };
        return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
          status: answer.status,
          statusText: answer.status === 409 ? 'Conflict' : 'OK',
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, requests };
}

describe('SlipwayClient', () => {
  it('addresses an application by its entity ref and sends repeated filters', async () => {
    const { client, requests } = fakeBackend({
      '/applications?project=shop&sync=OutOfSync&sync=Unknown&limit=50&fields=entityRef%2Csync': { status: 200, body: { items: [], totalCount: 0 } },
      '/applications/team-a/payments-prod/tree': { status: 200, body: { nodes: [] } },
    });
    await expect(client.listApplications({ project: 'shop', sync: ['OutOfSync', 'Unknown'], limit: 50, fields: ['entityRef', 'sync'] })).resolves.toEqual({ items: [], totalCount: 0 });
    await expect(client.getResourceTree('application:team-a/payments-prod')).resolves.toEqual({ nodes: [] });
    expect(requests.map(r => r.method)).toEqual(['GET', 'GET']);
  });

  it('answers undefined for an application the backend does not know', async () => {
    const { client } = fakeBackend({});
    await expect(client.getApplication('application:default/unknown')).resolves.toBeUndefined();
  });

  it('posts a sync request as JSON and surfaces a conflict with the backend message', async () => {
    const { client, requests } = fakeBackend({
      '/applications/default/web/sync': { status: 409, body: { error: { name: 'ConflictError', message: 'operation op-1 is already running' } } },
    });
    const failure = await client.sync('application:default/web', { prune: true, dryRun: false }).catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.message).toContain('operation op-1 is already running');
    expect(requests[0]).toEqual({ url: 'http://backend/api/slipway/applications/default/web/sync', method: 'POST', body: { prune: true, dryRun: false } });
  });

  it('asks for the page of operation events after a cursor, and for the first page without one', async () => {
    const { client, requests } = fakeBackend({
      '/operations/op-7/events': { status: 200, body: { items: [], nextCursor: 500 } },
      '/operations/op-7/events?after=500&limit=1000': { status: 200, body: { items: [] } },
    });
    await expect(client.getOperationEvents('op-7')).resolves.toEqual({ items: [], nextCursor: 500 });
    await expect(client.getOperationEvents('op-7', { after: 500, limit: 1000 })).resolves.toEqual({ items: [] });
    expect(requests.map(r => r.url)).toEqual([
      'http://backend/api/slipway/operations/op-7/events',
      'http://backend/api/slipway/operations/op-7/events?after=500&limit=1000',
    ]);
  });

  it('refuses an entity ref of another kind', async () => {
    const { client } = fakeBackend({});
    await expect(client.getHistory('component:default/web')).rejects.toThrow(/not an Application entity ref/);
  });
});
