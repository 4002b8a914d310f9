import { mockServices } from '@backstage/backend-test-utils';
import type { Refreshed } from '../engine/app/ApplicationController';
import type { SyncProgressEvent } from '../engine/sync';
import { DEFAULT_PROJECT } from '../projects/types';
import type { OperationEventInput } from '../store';
import { OperationRunner } from './OperationRunner';
import { runningOperation, WEB_REF, webInventoryItem } from './__testUtils__/webApplication';

const REF = WEB_REF;
const item = webInventoryItem();
const operation = runningOperation({ request: { revision: 'c1' } });

const comparison: Refreshed = {
  syncStatus: 'OutOfSync',
  health: { status: 'Healthy' },
  resources: [],
  tree: [],
  images: { desired: [], live: [] },
  charts: [],
  sources: [],
  revision: 'c1',
  conditions: [],
  desired: [],
  live: [],
};

const wave = (n: number): SyncProgressEvent => ({ type: 'wave', syncPhase: 'Sync', wave: n, state: 'started' });

describe('OperationRunner', () => {
  it('syncs the comparison it checked against the project, and stores the progress of a quick sync in order in one write', async () => {
    const writes: OperationEventInput[][] = [];
    const refreshes: unknown[] = [];
    let given: Refreshed | undefined;
    const runner = new OperationRunner({
      inventory: { get: ref => (ref === REF ? item : undefined) },
      controller: {
        refresh: async app => {
          refreshes.push(app);
          return comparison;
        },
        sync: async (_app, _request, options = {}) => {
          given = options.refreshed;
          options.onProgress?.(wave(0));
          await new Promise(r => setImmediate(r));
          options.onProgress?.(wave(1));
          options.onProgress?.(wave(2));
          options.onProgress?.(wave(3));
          return { revision: 'c1', operation: { phase: 'Succeeded', message: 'synced', resources: [], attempts: 1, dryRun: false } };
        },
      },
      store: {
        appendEvents: async (_id, events) => {
          writes.push(events);
        },
        addHistory: async () => ({}) as any,
        getHistory: async () => undefined,
      },
      projects: new Map([['default', DEFAULT_PROJECT]]),
      resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
      publish: () => {},
      logger: mockServices.logger.mock(),
    });

    const result = await runner.run(operation, new AbortController().signal);

    expect(result.phase).toBe('Succeeded');
    expect(refreshes).toHaveLength(1);
    expect(given).toBe(comparison);
    expect(writes.map(batch => batch.map(e => e.wave))).toEqual([[0, 1, 2, 3]]);
  });

  it('ends an operation queued before the Application was annotated skip-reconcile with an Error, applying nothing', async () => {
    const touched: string[] = [];
    const skipped = { ...item, skipReconcile: 'Application application:default/web is not reconciled: its annotation argocd.argoproj.io/skip-reconcile is "true"' };
    const runner = new OperationRunner({
      inventory: { get: () => skipped },
      controller: {
        refresh: async () => {
          touched.push('refresh');
          return comparison;
        },
        sync: async () => {
          touched.push('sync');
          throw new Error('not expected');
        },
      },
      store: { appendEvents: async () => {}, addHistory: async () => ({}) as any, getHistory: async () => undefined },
      projects: new Map([['default', DEFAULT_PROJECT]]),
      resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
      publish: () => {},
      logger: mockServices.logger.mock(),
    });

    const result = await runner.run(operation, new AbortController().signal);

    expect(result).toEqual({ phase: 'Error', message: `${skipped.skipReconcile}; nothing was applied` });
    expect(touched).toEqual([]);
  });
});
