import { TestDatabases } from '@backstage/backend-test-utils';
import type { HistoryEntryInput } from './HistoryStore';
import { createTestStore } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const app = 'application:default/payments-prod';

function deployment(n: number, applicationRef = app): HistoryEntryInput {
  return {
    applicationRef,
    revision: n.toString(16).padStart(40, '0'),
    source: {
      repoURL: 'https://git.example.com/acme/deploy.git',
      path: 'payments/prod',
      targetRevision: 'main',
    },
    initiator: n % 2 ? 'automated' : 'user:default/ada',
    commitAuthor: 'Ada <ada@example.com>',
    commitMessage: `release ${n}`,
  };
}

describe('HistoryStore', () => {
  it.each(databases.eachSupportedId())(
    'records a deployment with its source, who, when and commit, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const op = await store.enqueue({
        applicationRef: app,
        kind: 'sync',
        request: {},
        initiator: 'user:default/ada',
      });
      if (op.status !== 'created') throw new Error('expected a new operation');
      clock.advance(3000);
      const entry = await store.addHistory({
        ...deployment(1),
        deployStartedAt: '2026-01-01T00:00:01.000Z',
        operationId: op.operation.id,
      });
      expect(entry).toEqual({
        id: expect.any(Number),
        applicationRef: app,
        revision: '0000000000000000000000000000000000000001',
        source: {
          repoURL: 'https://git.example.com/acme/deploy.git',
          path: 'payments/prod',
          targetRevision: 'main',
        },
        initiator: 'automated',
        deployStartedAt: '2026-01-01T00:00:01.000Z',
        deployedAt: '2026-01-01T00:00:03.000Z',
        commitAuthor: 'Ada <ada@example.com>',
        commitMessage: 'release 1',
        operationId: op.operation.id,
      });
      expect(await store.getHistory(app, entry.id)).toEqual(entry);
      expect(
        await store.getHistory('application:default/other', entry.id),
      ).toBeUndefined();
      expect(await store.listHistory(app)).toEqual([entry]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the newest 10 deployments per application by default, newest first, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      for (let n = 1; n <= 13; n++) {
        await store.addHistory(deployment(n));
      }
      await store.addHistory(
        deployment(100, 'application:default/orders-prod'),
      );

      const history = await store.listHistory(app);
      expect(history.map(h => h.commitMessage)).toEqual(
        [13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map(n => `release ${n}`),
      );
      const ids = history.map(h => h.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(
        await store.listHistory('application:default/orders-prod'),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'honours a per-call limit and a configured default, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId, {
        historyLimit: 3,
      });
      for (let n = 1; n <= 5; n++) {
        await store.addHistory(deployment(n));
      }
      expect((await store.listHistory(app)).map(h => h.commitMessage)).toEqual([
        'release 5',
        'release 4',
        'release 3',
      ]);

      await store.addHistory(deployment(6), { limit: 1 });
      expect((await store.listHistory(app)).map(h => h.commitMessage)).toEqual([
        'release 6',
      ]);

      await expect(
        store.addHistory(deployment(7), { limit: 0 }),
      ).rejects.toThrow(/revisionHistoryLimit/);
      await expect(
        store.addHistory({ ...deployment(8), revision: '' }),
      ).rejects.toThrow(/revision must be a non-empty string/);
      await expect(
        store.addHistory({ ...deployment(8), source: 'main' as any }),
      ).rejects.toThrow(/source must be/);
    },
  );
});
