import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseSlipwayStore } from './DatabaseSlipwayStore';
import { app, created, createTestStore, sync } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

describe('OperationStore', () => {
  it.each(databases.eachSupportedId())(
    'queues an operation with its request and initiator, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const op = created(await store.enqueue(sync));
      expect(op).toMatchObject({
        applicationRef: app,
        kind: 'sync',
        request: sync.request,
        initiator: 'user:default/ada',
        phase: 'Queued',
        attempts: 0,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(op.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(await store.getOperation(op.id)).toEqual(op);
      expect(await store.getActiveOperation(app)).toEqual(op);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates exactly one operation out of 50 concurrent requests; the 49 others name it, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.enqueue({ ...sync, initiator: `user:default/u${i}` }),
        ),
      );
      const winners = results.filter(r => r.status === 'created');
      const conflicts = results.filter(r => r.status === 'conflict');
      expect(winners).toHaveLength(1);
      expect(conflicts).toHaveLength(49);
      const winner = created(winners[0]);
      for (const conflict of conflicts) {
        expect(conflict).toMatchObject({
          status: 'conflict',
          activeOperationId: winner.id,
          activeOperation: { id: winner.id, phase: 'Queued' },
        });
      }
      expect(
        (await store.listOperations(app, { limit: 100 })).items,
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps applications independent and allows a new operation once the last one ended, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const first = created(await store.enqueue(sync));
      clock.advance(1000);
      created(
        await store.enqueue({
          ...sync,
          applicationRef: 'application:default/orders-prod',
        }),
      );

      await store.claimNext('replica-a');
      const whileRunning = await store.enqueue(sync);
      expect(whileRunning).toMatchObject({
        status: 'conflict',
        activeOperationId: first.id,
      });

      expect(
        await store.complete(
          first.id,
          'Succeeded',
          'successfully synced (all tasks run)',
        ),
      ).toBe(true);
      const second = created(
        await store.enqueue({
          ...sync,
          kind: 'rollback',
          request: { historyId: 3 },
        }),
      );
      expect(second.id).not.toBe(first.id);
      expect(await store.getActiveOperation(app)).toMatchObject({
        id: second.id,
        kind: 'rollback',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses malformed requests with a clear message, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await expect(
        store.enqueue({ ...sync, kind: 'deploy' as any }),
      ).rejects.toThrow(/payments-prod: kind must be 'sync' or 'rollback'/);
      await expect(
        store.enqueue({ ...sync, request: { prune: 'yes' as any } }),
      ).rejects.toThrow(/request.prune must be true or false/);
      await expect(
        store.enqueue({
          ...sync,
          request: { resources: [{ kind: 'Deployment', name: 'x' } as any] },
        }),
      ).rejects.toThrow(/request.resources\[0\].group must be a string/);
      await expect(
        store.enqueue({ ...sync, kind: 'rollback', request: {} }),
      ).rejects.toThrow(/rollback needs request.historyId/);
      await expect(store.enqueue({ ...sync, initiator: '' })).rejects.toThrow(
        /initiator/,
      );
      expect(await store.getActiveOperation(app)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'after a claim from a look that drained the queue, does not look again until asked plainly, %p',
    async databaseId => {
      const { store, knex, clock } = await createTestStore(databases, databaseId);
      const replicaB = await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
        now: clock.now,
      });
      const first = created(await store.enqueue(sync));
      expect((await store.claimNext('replica-a'))?.id).toBe(first.id);
      // queued by another replica after that look
      clock.advance(1000);
      const later = created(await replicaB.enqueue({ ...sync, applicationRef: 'application:default/orders-prod' }));
      expect(await store.claimNext('replica-a', { fromLastLook: true })).toBeUndefined();
      expect((await store.claimNext('replica-a'))?.id).toBe(later.id);

      // a look that filled its batch may have more behind it: those are looked for
      const refs = Array.from({ length: 20 }, (_, i) => `application:default/batch-${String(i).padStart(2, '0')}`);
      for (const applicationRef of refs) {
        clock.advance(1000);
        created(await replicaB.enqueue({ ...sync, applicationRef }));
      }
      const claimed = [(await store.claimNext('replica-a'))?.applicationRef];
      for (let i = 1; i < 20; i++) claimed.push((await store.claimNext('replica-a', { fromLastLook: true }))?.applicationRef);
      expect(claimed).toEqual(refs);
      expect(await store.claimNext('replica-a', { fromLastLook: true })).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of two replicas claim an operation, oldest first, %p',
    async databaseId => {
      const { store, knex, clock } = await createTestStore(
        databases,
        databaseId,
      );
      // A second replica: its own store object on the same database.
      const replicaB = await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
        now: clock.now,
      });
      const older = created(await store.enqueue(sync));
      clock.advance(1000);
      const newer = created(
        await store.enqueue({
          ...sync,
          applicationRef: 'application:default/orders-prod',
        }),
      );

      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2
            ? store.claimNext('replica-a')
            : replicaB.claimNext('replica-b'),
        ),
      );
      const claimed = claims.filter(c => c !== undefined);
      expect(claimed.map(c => c!.id).sort()).toEqual(
        [older.id, newer.id].sort(),
      );

      const sequential = await createTestStore(databases, databaseId);
      const a = created(await sequential.store.enqueue(sync));
      sequential.clock.advance(1000);
      const b = created(
        await sequential.store.enqueue({
          ...sync,
          applicationRef: 'application:default/x',
        }),
      );
      const first = await sequential.store.claimNext('replica-a');
      expect(first).toMatchObject({
        id: a.id,
        phase: 'Running',
        claimedBy: 'replica-a',
        attempts: 1,
        startedAt: '2026-01-01T00:00:01.000Z',
        heartbeatAt: '2026-01-01T00:00:01.000Z',
      });
      expect(await sequential.store.claimNext('replica-b')).toMatchObject({
        id: b.id,
        claimedBy: 'replica-b',
      });
      expect(await sequential.store.claimNext('replica-a')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'accepts heartbeats and completion only from the replica that claimed it, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const op = created(await store.enqueue(sync));
      await store.claimNext('replica-a');

      clock.advance(5000);
      expect(await store.heartbeat(op.id, 'replica-a')).toBe('ok');
      expect(await store.heartbeat(op.id, 'replica-b')).toBe('lost');
      expect((await store.getOperation(op.id))!.heartbeatAt).toBe(
        '2026-01-01T00:00:05.000Z',
      );

      expect(
        await store.complete(op.id, 'Failed', 'nope', {
          replicaId: 'replica-b',
        }),
      ).toBe(false);
      clock.advance(1000);
      expect(
        await store.complete(
          op.id,
          'Failed',
          'one or more objects failed to apply',
          {
            replicaId: 'replica-a',
            result: {
              resources: [
                { kind: 'Deployment', name: 'api', status: 'SyncFailed' },
              ],
            },
          },
        ),
      ).toBe(true);
      expect(await store.getOperation(op.id)).toMatchObject({
        phase: 'Failed',
        message: 'one or more objects failed to apply',
        finishedAt: '2026-01-01T00:00:06.000Z',
        result: {
          resources: [
            { kind: 'Deployment', name: 'api', status: 'SyncFailed' },
          ],
        },
      });
      // Ended operations take no more heartbeats or completions.
      expect(await store.heartbeat(op.id, 'replica-a')).toBe('lost');
      expect(await store.complete(op.id, 'Succeeded', 'again')).toBe(false);
      await expect(
        store.complete(op.id, 'Running' as any, 'x'),
      ).rejects.toThrow(/cannot end in phase "Running"/);
      await expect(store.claimNext('')).rejects.toThrow(/replicaId/);
    },
  );

  it.each(databases.eachSupportedId())(
    "lists an application's operations newest first, page by page, %p",
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const op = created(await store.enqueue(sync));
        ids.push(op.id);
        await store.claimNext('r');
        await store.complete(op.id, 'Succeeded', `run ${i}`);
        clock.advance(1000);
      }
      created(
        await store.enqueue({
          ...sync,
          applicationRef: 'application:default/other',
        }),
      );

      const first = await store.listOperations(app, { limit: 2 });
      const second = await store.listOperations(app, {
        limit: 2,
        cursor: first.nextCursor,
      });
      const third = await store.listOperations(app, {
        limit: 2,
        cursor: second.nextCursor,
      });
      expect(
        [...first.items, ...second.items, ...third.items].map(o => o.id),
      ).toEqual([...ids].reverse());
      expect(third.nextCursor).toBeUndefined();
      await expect(
        store.listOperations(app, { cursor: 'bad' }),
      ).rejects.toThrow(/Invalid cursor/);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the newest operation of each application of a list page in one call, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const other = 'application:default/other';
      const older = created(await store.enqueue(sync));
      await store.claimNext('r');
      await store.complete(older.id, 'Failed', 'first try');
      clock.advance(1000);
      const newer = created(await store.enqueue(sync));
      const only = created(await store.enqueue({ ...sync, applicationRef: other }));

      const latest = await store.latestOperations([app, other, 'application:default/never-synced']);
      expect([...latest.keys()].sort()).toEqual([app, other].sort());
      expect(latest.get(app)).toEqual(await store.getOperation(newer.id));
      expect(latest.get(other)).toEqual(await store.getOperation(only.id));
      expect((await store.latestOperations([])).size).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes operations that ended long ago with their events, never active ones, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const old = created(await store.enqueue(sync));
      await store.claimNext('r');
      await store.appendEvents(old.id, [
        { status: 'Running' },
        { status: 'Succeeded' },
      ]);
      await store.complete(old.id, 'Succeeded', 'done');

      clock.advance(10 * 86_400_000);
      const recent = created(await store.enqueue(sync));
      await store.claimNext('r');
      await store.complete(recent.id, 'Failed', 'boom');
      const active = created(await store.enqueue(sync));
      await store.appendEvents(active.id, [{ status: 'Queued' }]);

      clock.advance(86_400_000);
      expect(
        await store.pruneOperations({ finishedMoreThanMsAgo: 7 * 86_400_000 }),
      ).toBe(1);
      expect(await store.getOperation(old.id)).toBeUndefined();
      expect((await store.listEvents(old.id)).items).toEqual([]);
      expect(await store.getOperation(recent.id)).toMatchObject({
        phase: 'Failed',
      });
      expect(await store.getOperation(active.id)).toMatchObject({
        phase: 'Queued',
      });
      expect((await store.listEvents(active.id)).items).toHaveLength(1);

      // Even a zero age leaves the active operation alone.
      expect(await store.pruneOperations({ finishedMoreThanMsAgo: 0 })).toBe(1);
      expect(await store.getOperation(active.id)).toMatchObject({
        phase: 'Queued',
      });
    },
  );
});
