import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

async function storeWithOperation(
  databaseId: Parameters<typeof databases.init>[0],
) {
  const test = await createTestStore(databases, databaseId);
  const result = await test.store.enqueue({
    applicationRef: 'application:default/payments-prod',
    kind: 'sync',
    request: {},
    initiator: 'automated',
  });
  if (result.status !== 'created') throw new Error('expected a new operation');
  return { ...test, operationId: result.operation.id };
}

describe('operation events', () => {
  it.each(databases.eachSupportedId())(
    'reads events back in the order they were appended, with every field, %p',
    async databaseId => {
      const { store, clock, operationId } = await storeWithOperation(
        databaseId,
      );
      await store.appendEvents(operationId, [
        {
          phase: 'PreSync',
          wave: 0,
          resourceKey: 'batch/Job/payments/migrate',
          status: 'Running',
          message: 'hook started',
        },
        {
          phase: 'PreSync',
          wave: 0,
          resourceKey: 'batch/Job/payments/migrate',
          status: 'Succeeded',
        },
      ]);
      clock.advance(2000);
      await store.appendEvents(operationId, [
        {
          phase: 'Sync',
          wave: -1,
          resourceKey: '/ConfigMap/payments/settings',
          status: 'Synced',
          message: 'configmap/settings configured',
        },
        {
          phase: 'Sync',
          wave: 1,
          resourceKey: 'apps/Deployment/payments/api',
          status: 'SyncFailed',
          message: 'admission webhook denied the request',
        },
        {
          status: 'Failed',
          message: 'one or more objects failed to apply',
          time: '2026-01-01T00:00:03.500Z',
        },
      ]);

      const { items, nextCursor } = await store.listEvents(operationId);
      expect(nextCursor).toBeUndefined();
      expect(
        items.map(e => [e.phase, e.wave, e.resourceKey, e.status]),
      ).toEqual([
        ['PreSync', 0, 'batch/Job/payments/migrate', 'Running'],
        ['PreSync', 0, 'batch/Job/payments/migrate', 'Succeeded'],
        ['Sync', -1, '/ConfigMap/payments/settings', 'Synced'],
        ['Sync', 1, 'apps/Deployment/payments/api', 'SyncFailed'],
        [undefined, undefined, undefined, 'Failed'],
      ]);
      expect(items[0]).toEqual({
        id: items[0].id,
        operationId,
        time: '2026-01-01T00:00:00.000Z',
        phase: 'PreSync',
        wave: 0,
        resourceKey: 'batch/Job/payments/migrate',
        status: 'Running',
        message: 'hook started',
      });
      expect(items[2].time).toBe('2026-01-01T00:00:02.000Z');
      expect(items[4].time).toBe('2026-01-01T00:00:03.500Z');
      const ids = items.map(e => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    },
  );

  it.each(databases.eachSupportedId())(
    'pages through a long log without gaps or repeats, %p',
    async databaseId => {
      const { store, operationId } = await storeWithOperation(databaseId);
      // More rows than one insert statement carries.
      await store.appendEvents(
        operationId,
        Array.from({ length: 250 }, (_, i) => ({
          phase: 'Sync',
          wave: i,
          status: 'Synced',
          message: `event ${i}`,
        })),
      );
      const messages: string[] = [];
      let after: number | undefined;
      let pages = 0;
      do {
        const page = await store.listEvents(operationId, { after, limit: 100 });
        messages.push(...page.items.map(e => e.message!));
        after = page.nextCursor;
        pages++;
      } while (after !== undefined);
      expect(pages).toBe(3);
      expect(messages).toEqual(
        Array.from({ length: 250 }, (_, i) => `event ${i}`),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps each operation's events apart and refuses events of unknown operations, %p",
    async databaseId => {
      const { store, operationId } = await storeWithOperation(databaseId);
      const other = await store.enqueue({
        applicationRef: 'application:default/orders-prod',
        kind: 'sync',
        request: {},
        initiator: 'automated',
      });
      if (other.status !== 'created')
        throw new Error('expected a new operation');
      await store.appendEvents(operationId, [{ status: 'Running' }]);
      await store.appendEvents(other.operation.id, [{ status: 'Succeeded' }]);

      expect(
        (await store.listEvents(operationId)).items.map(e => e.status),
      ).toEqual(['Running']);
      expect(
        (await store.listEvents(other.operation.id)).items.map(e => e.status),
      ).toEqual(['Succeeded']);

      await expect(
        store.appendEvents('00000000-0000-4000-8000-000000000000', [
          { status: 'Running' },
        ]),
      ).rejects.toThrow(/no such operation/);
      // a batch larger than one statement, for an operation that does not exist: nothing recorded
      const many = Array.from({ length: 1200 }, () => ({ status: 'Running' }));
      await expect(
        store.appendEvents('00000000-0000-4000-8000-000000000001', many),
      ).rejects.toThrow(
        'Cannot record events of operation 00000000-0000-4000-8000-000000000001: no such operation',
      );
      await expect(
        store.appendEvents(operationId, [{ status: '' }]),
      ).rejects.toThrow(/needs a status/);
      await expect(store.listEvents(operationId, { limit: 0 })).rejects.toThrow(
        /limit/,
      );
    },
  );
});
