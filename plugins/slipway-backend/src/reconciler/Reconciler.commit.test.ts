import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { GitTestServer } from '@slipway/test-utils';
import { DEFAULT_PROJECT } from '../projects/types';
import type { ApplicationStatusUpdate } from '../store';
import { CommitDetailsCache, CommitDetailsReader } from './CommitDetailsCache';
import { Reconciler } from './Reconciler';
import { refreshedAt, WEB_REF, webInventoryItem } from './__testUtils__/webApplication';

jest.setTimeout(60_000);

const REF = WEB_REF;

/** A reconciler reading a real Git server, over a fake controller, cluster and store. */
async function setup(repoURL: string, commitDetails: (source: GitSource) => CommitDetailsReader['commitDetails']) {
  const source = new GitSource({ cacheDir: await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-src-')) });
  const logger = mockServices.logger.mock();
  const item = webInventoryItem({ repoURL });
  const written: ApplicationStatusUpdate[] = [];
  const reconciler = new Reconciler({
    inventory: { get: ref => (ref === REF ? item : undefined), list: () => [item] },
    controller: { refresh: async app => refreshedAt(app.spec.source!.targetRevision!, repoURL) },
    clusters: {
      connect: async () => ({ name: 'sim', cache: { onChange: () => () => {}, generation: () => 0 } }) as any,
    },
    resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
    source,
    commits: new CommitDetailsCache({ source: { commitDetails: commitDetails(source) }, logger }),
    store: {
      upsertApplicationStatus: async (update: ApplicationStatusUpdate) => {
        written.push(update);
        return { syncStatus: update.syncStatus ?? 'Unknown', healthStatus: update.healthStatus ?? 'Unknown' } as any;
      },
      deleteApplicationStatus: async () => true,
      listOperations: async () => ({ items: [] }) as any,
    },
    projects: new Map([['default', DEFAULT_PROJECT]]),
    enqueueAutoSync: async () => {},
    publish: () => {},
    logger,
    concurrency: 1,
    refreshIntervalMs: 3_600_000,
    selfHealTimeoutMs: 5_000,
  });
  return { reconciler, written, logger, item };
}

describe('Reconciler: the compared commit in the status', () => {
  let server: GitTestServer;
  let url: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('gitops', { 'apps/web/cm.yaml': 'a: 1\n' }));
  });
  afterAll(() => server.stop());

  it('records author, message and date of the commit compared, and of the next one after a push', async () => {
    const first = await server.commit(
      'gitops',
      { 'apps/web/cm.yaml': 'a: 2\n' },
      { message: 'web: two replicas', author: { name: 'Ada', email: 'ada@example.com' }, date: new Date('2026-11-01T08:00:00Z') },
    );
    const t = await setup(url, source => source.commitDetails.bind(source));
    await t.reconciler.applyInventoryChanges({ added: [t.item], changed: [], removed: [] });
    await t.reconciler.idle();
    expect(t.written.at(-1)).toMatchObject({
      revision: first,
      commit: { author: 'Ada <ada@example.com>', message: 'web: two replicas', date: '2026-11-01T08:00:00.000Z' },
    });

    const second = await server.commit(
      'gitops',
      { 'apps/web/cm.yaml': 'a: 3\n' },
      { message: 'web: three replicas', author: { name: 'Grace', email: 'grace@example.com' }, date: new Date('2026-11-02T09:00:00Z') },
    );
    t.reconciler.enqueue(REF, { force: true });
    await t.reconciler.idle();
    t.reconciler.stop();
    expect(t.written.at(-1)).toMatchObject({
      revision: second,
      commit: { author: 'Grace <grace@example.com>', message: 'web: three replicas', date: '2026-11-02T09:00:00.000Z' },
    });
  });

  it('still records the comparison when the commit cannot be read, without commit metadata', async () => {
    const t = await setup(url, () => async () => {
      throw new Error('object store unreadable');
    });
    await t.reconciler.applyInventoryChanges({ added: [t.item], changed: [], removed: [] });
    await t.reconciler.idle();
    t.reconciler.stop();
    const last = t.written.at(-1)!;
    expect(last).toMatchObject({ syncStatus: 'Synced', healthStatus: 'Healthy', revision: await server.headOf('gitops') });
    expect(last.commit).toBeNull();
    expect(last.conditions).toEqual([]);
    expect(t.logger.debug).toHaveBeenCalledWith(expect.stringContaining('object store unreadable'));
    expect(t.logger.warn).not.toHaveBeenCalled();
  });
});
