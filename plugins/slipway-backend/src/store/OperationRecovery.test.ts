import { TestDatabases } from '@backstage/backend-test-utils';
import { app, created, createTestStore, sync } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

describe('OperationStore termination and takeover', () => {
  it.each(databases.eachSupportedId())(
    'terminates a queued operation at once and a running one through Terminating, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const queued = created(await store.enqueue(sync));
      expect(await store.requestTermination(queued.id)).toMatchObject({
        phase: 'Terminated',
      });
      expect(await store.claimNext('replica-a')).toBeUndefined();
      expect(await store.getActiveOperation(app)).toBeUndefined();

      const running = created(await store.enqueue(sync));
      await store.claimNext('replica-a');
      expect(await store.requestTermination(running.id)).toMatchObject({
        phase: 'Terminating',
      });
      // Still the active operation until its runner stops.
      expect(await store.enqueue(sync)).toMatchObject({
        status: 'conflict',
        activeOperationId: running.id,
      });
      expect(await store.heartbeat(running.id, 'replica-a')).toBe(
        'terminating',
      );
      expect(
        await store.complete(running.id, 'Terminated', 'Operation terminated', {
          replicaId: 'replica-a',
        }),
      ).toBe(true);
      expect(await store.requestTermination(running.id)).toMatchObject({
        phase: 'Terminated',
      });
      expect(
        await store.requestTermination('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    "hands a dead replica's operation to another, and gives up after too many attempts, %p",
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const op = created(await store.enqueue(sync));
      await store.claimNext('replica-a');

      clock.advance(20_000);
      expect(await store.recoverStale({ olderThanMs: 30_000 })).toEqual({
        requeued: [],
        finished: [],
      });

      clock.advance(20_000); // 40 s without a heartbeat
      expect(await store.recoverStale({ olderThanMs: 30_000 })).toEqual({
        requeued: [op.id],
        finished: [],
      });
      expect(await store.getOperation(op.id)).toMatchObject({
        phase: 'Queued',
        message: expect.stringMatching(/replica-a stopped/),
      });
      expect((await store.getOperation(op.id))!.claimedBy).toBeUndefined();
      expect(await store.heartbeat(op.id, 'replica-a')).toBe('lost');
      expect(await store.enqueue(sync)).toMatchObject({
        status: 'conflict',
        activeOperationId: op.id,
      });

      expect(await store.claimNext('replica-b')).toMatchObject({
        id: op.id,
        claimedBy: 'replica-b',
        attempts: 2,
      });
      // The dead replica, were it to come back, can no longer finish it.
      expect(
        await store.complete(op.id, 'Succeeded', 'late', {
          replicaId: 'replica-a',
        }),
      ).toBe(false);

      clock.advance(40_000);
      expect(
        await store.recoverStale({ olderThanMs: 30_000, maxAttempts: 2 }),
      ).toEqual({ requeued: [], finished: [op.id] });
      expect(await store.getOperation(op.id)).toMatchObject({
        phase: 'Error',
        message: expect.stringMatching(/Gave up after 2 attempts/),
      });
      expect(created(await store.enqueue(sync)).id).not.toBe(op.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'ends a stale terminating operation as Terminated and leaves live ones alone, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      const dying = created(await store.enqueue(sync));
      clock.advance(1000);
      const alive = created(
        await store.enqueue({
          ...sync,
          applicationRef: 'application:default/orders-prod',
        }),
      );
      await store.claimNext('replica-a');
      await store.claimNext('replica-b');
      await store.requestTermination(dying.id);

      clock.advance(60_000);
      expect(await store.heartbeat(alive.id, 'replica-b')).toBe('ok');
      expect(await store.recoverStale({ olderThanMs: 30_000 })).toEqual({
        requeued: [],
        finished: [dying.id],
      });
      expect(await store.getOperation(dying.id)).toMatchObject({
        phase: 'Terminated',
      });
      expect(await store.getOperation(alive.id)).toMatchObject({
        phase: 'Running',
        claimedBy: 'replica-b',
      });
      await expect(store.recoverStale({ olderThanMs: -1 })).rejects.toThrow(
        /olderThanMs/,
      );
    },
  );
});
