import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import type { SlipwayApi } from '../../api';
import { authorizeSync, runBulkSync } from './bulkSync';

const apps = ['a', 'b', 'c', 'd', 'e'].map(name => ({ entityRef: `application:default/${name}`, name }));

async function conflict(message: string) {
  // The body of Backstage's error handler, as the backend answers a second sync.
  const body = {
    error: { name: 'ConflictError', message },
    request: { method: 'POST', url: '/api/slipway/applications/default/b/sync' },
    response: { statusCode: 409 },
  };
  const response = new Response(JSON.stringify(body), {
    status: 409,
    statusText: 'Conflict',
    headers: { 'Content-Type': 'application/json' },
  });
  return ResponseError.fromResponse(response);
}

describe('authorizeSync', () => {
  it('asks one sync decision per application, all at once', async () => {
    const authorize = jest.fn(async ({ resourceRef }: { resourceRef?: string }) => ({
      result: resourceRef === 'application:default/b' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    }));
    const allowed = await authorizeSync({ authorize } as unknown as PermissionApi, apps.slice(0, 3).map(a => a.entityRef));
    expect([...allowed]).toEqual([
      ['application:default/a', true],
      ['application:default/b', false],
      ['application:default/c', true],
    ]);
    expect(authorize.mock.calls.map(([request]) => [(request as any).permission.name, request.resourceRef])).toEqual([
      ['slipway.application.sync', 'application:default/a'],
      ['slipway.application.sync', 'application:default/b'],
      ['slipway.application.sync', 'application:default/c'],
    ]);
  });
});

describe('runBulkSync', () => {
  it('reports every application: started, already running (409), not permitted, failed', async () => {
    const sync = jest.fn(async (entityRef: string) => {
      if (entityRef.endsWith('/b')) throw await conflict('operation op-7 is already running');
      if (entityRef.endsWith('/d')) throw new Error('network down');
      return { operation: { id: `op-${entityRef.slice(-1)}` } };
    });
    const allowed = new Map(apps.map(a => [a.entityRef, a.name !== 'c']));
    const seen: string[] = [];
    const results = await runBulkSync({
      slipwayApi: { sync } as unknown as SlipwayApi,
      apps,
      allowed,
      request: { prune: false },
      onResult: r => seen.push(r.name),
    });
    expect(results.map(r => [r.name, r.outcome])).toEqual([
      ['a', 'started'],
      ['b', 'conflict'],
      ['c', 'denied'],
      ['d', 'failed'],
      ['e', 'started'],
    ]);
    expect(results[0]).toMatchObject({ operationId: 'op-a', message: 'Sync op-a started' });
    expect(results[1].message).toMatch(/^Not started: operation op-7 is already running\. Wait/);
    expect(results[2].message).toMatch(/you may not sync c/);
    expect(results[3].message).toMatch(/^Failed: network down/);
    expect(sync).toHaveBeenCalledTimes(4);
    expect(sync).not.toHaveBeenCalledWith('application:default/c', expect.anything());
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runs at most `concurrency` syncs at a time', async () => {
    let running = 0;
    let peak = 0;
    const sync = jest.fn(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise(resolve => setTimeout(resolve, 5));
      running--;
      return { operation: { id: 'op' } };
    });
    await runBulkSync({
      slipwayApi: { sync } as unknown as SlipwayApi,
      apps,
      allowed: new Map(apps.map(a => [a.entityRef, true])),
      request: { dryRun: true },
      concurrency: 2,
    });
    expect(sync).toHaveBeenCalledTimes(5);
    expect(peak).toBe(2);
  });
});
