import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { GitTestServer } from '@slipway/test-utils';
import type { Refreshed } from '../engine/app/ApplicationController';
import { DEFAULT_PROJECT } from '../projects/types';
import type { HistoryEntryInput } from '../store';
import { CommitDetailsCache, CommitDetailsReader } from './CommitDetailsCache';
import { OperationRunner } from './OperationRunner';
import { runningOperation, WEB_REF, webInventoryItem } from './__testUtils__/webApplication';

jest.setTimeout(60_000);

const REF = WEB_REF;
const operation = runningOperation({ initiator: 'user:default/ada' });

/** A runner that resolves revisions on a real Git server and records the history entries it writes. */
async function setup(
  repoURL: string,
  commitDetails: (source: GitSource) => CommitDetailsReader['commitDetails'],
  revisionHistoryLimit?: number,
) {
  const source = new GitSource({ cacheDir: await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-src-')) });
  const logger = mockServices.logger.mock();
  const base = webInventoryItem({ repoURL });
  const item = { ...base, app: { ...base.app, spec: { ...base.app.spec, revisionHistoryLimit } } };
  const history: HistoryEntryInput[] = [];
  const limits: Array<number | undefined> = [];
  const runner = new OperationRunner({
    inventory: { get: ref => (ref === REF ? item : undefined) },
    controller: {
      refresh: async app => ({ syncStatus: 'OutOfSync', revision: app.spec.source!.targetRevision, resources: [] }) as unknown as Refreshed,
      sync: async app => ({
        revision: app.spec.source!.targetRevision,
        operation: { phase: 'Succeeded', message: 'synced', resources: [], attempts: 1, dryRun: false },
      }),
    },
    source,
    commits: new CommitDetailsCache({ source: { commitDetails: commitDetails(source) }, logger }),
    store: {
      appendEvents: async () => {},
      addHistory: async (entry, options) => {
        history.push(entry);
        limits.push(options?.limit);
        return {} as any;
      },
      getHistory: async () => undefined,
    },
    projects: new Map([['default', DEFAULT_PROJECT]]),
    resolveCluster: () => ({ name: 'sim', server: 'https://sim.example.com' }),
    publish: () => {},
    logger,
  });
  return { runner, history, logger, limits };
}

describe('OperationRunner: the deployed commit in the history', () => {
  let server: GitTestServer;
  let url: string;
  let head: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('gitops', { 'apps/web/cm.yaml': 'a: 1\n' }));
    head = await server.commit(
      'gitops',
      { 'apps/web/cm.yaml': 'a: 2\n' },
      { message: 'web: two replicas\n\nfor the sale', author: { name: 'Ada', email: 'ada@example.com' } },
    );
  });
  afterAll(() => server.stop());

  it("keeps as many deployments as the Application's revisionHistoryLimit says, else the store's default", async () => {
    for (const [given, expected] of [
      [3, 3],
      [undefined, undefined],
      [0, undefined],
      [2.5, undefined],
    ] as const) {
      const t = await setup(url, source => source.commitDetails.bind(source), given);
      expect((await t.runner.run(operation, new AbortController().signal)).phase).toBe('Succeeded');
      expect(t.limits).toEqual([expected]);
    }
  });

  it('records who wrote the deployed commit and why', async () => {
    const t = await setup(url, source => source.commitDetails.bind(source));
    const result = await t.runner.run(operation, new AbortController().signal);
    expect(result.phase).toBe('Succeeded');
    expect(t.history).toEqual([
      expect.objectContaining({
        revision: head,
        initiator: 'user:default/ada',
        commitAuthor: 'Ada <ada@example.com>',
        commitMessage: 'web: two replicas\n\nfor the sale',
      }),
    ]);
  });

  it('keeps a selective sync (a self-heal, say) out of the history, as Argo CD does', async () => {
    const t = await setup(url, source => source.commitDetails.bind(source));
    const selective = runningOperation({
      request: { resources: [{ group: '', kind: 'ConfigMap', namespace: 'web', name: 'web' }] },
    });
    expect((await t.runner.run(selective, new AbortController().signal)).phase).toBe('Succeeded');
    expect(t.history).toEqual([]);
  });

  it('still records the deployment, without author and message, when the commit cannot be read', async () => {
    const t = await setup(url, () => async () => {
      throw new Error('object store unreadable');
    });
    const result = await t.runner.run(operation, new AbortController().signal);
    expect(result.phase).toBe('Succeeded');
    expect(t.history).toHaveLength(1);
    expect(t.history[0].revision).toBe(head);
    expect(t.history[0]).not.toHaveProperty('commitAuthor');
    expect(t.history[0]).not.toHaveProperty('commitMessage');
    expect(t.logger.debug).toHaveBeenCalledWith(expect.stringContaining('object store unreadable'));
  });
});
