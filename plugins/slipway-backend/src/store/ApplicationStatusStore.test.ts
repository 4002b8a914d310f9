import { TestDatabases } from '@backstage/backend-test-utils';
import type { ApplicationStatusUpdate } from './ApplicationStatusStore';
import { createTestStore } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const payments: ApplicationStatusUpdate = {
  entityRef: 'application:default/payments-prod',
  componentRef: 'component:default/payments',
  project: 'payments',
  cluster: 'prod-eu',
  namespace: 'payments',
  environment: 'prod',
  owner: 'group:default/team-pay',
  syncStatus: 'OutOfSync',
  healthStatus: 'Degraded',
  healthMessage: 'Deployment "api" exceeded its progress deadline',
  revision: '3f2c1a9e0b7d4c5a8e6f1b2d3c4a5e6f7a8b9c0d',
  commit: {
    author: 'Ada <ada@example.com>',
    message: 'Bump api to 1.4.2',
    date: '2026-01-01T00:00:00.000Z',
  },
  conditions: [
    {
      type: 'SyncError',
      message: 'one or more objects failed to apply',
      lastTransitionTime: '2026-01-01T00:00:00.000Z',
    },
  ],
  resources: [
    {
      group: 'apps',
      kind: 'Deployment',
      namespace: 'payments',
      name: 'api',
      status: 'OutOfSync',
      health: { status: 'Degraded', message: 'progress deadline exceeded' },
      managed: true,
    },
    {
      group: 'apps',
      kind: 'ReplicaSet',
      namespace: 'payments',
      name: 'api-7d9f',
      health: { status: 'Degraded' },
      parentRefs: ['apps/Deployment/payments/api'],
      managed: false,
    },
  ],
  versions: {
    images: [
      {
        image: 'ghcr.io/acme/api:1.4.2',
        resource: 'apps/Deployment/payments/api',
        container: 'api',
        location: 'desired',
      },
      {
        image: 'ghcr.io/acme/api:1.4.1',
        resource: 'apps/Deployment/payments/api',
        container: 'api',
        location: 'live',
      },
    ],
    charts: [
      {
        chart: 'redis',
        version: '18.1.0',
        repoURL: 'https://charts.example.com',
        location: 'desired',
      },
    ],
  },
  reconciledAt: '2026-01-01T00:00:00.000Z',
};

describe('ApplicationStatusStore', () => {
  it.each(databases.eachSupportedId())(
    'stores and reads back every field, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const written = await store.upsertApplicationStatus(payments);
      const read = await store.getApplicationStatus(payments.entityRef);
      expect(read).toEqual(written);
      expect(read).toMatchObject({
        ...payments,
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      expect(
        await store.getApplicationStatus('application:default/nope'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'answers a write with just the fields asked for, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.upsertApplicationStatus(payments);
      const update = { entityRef: payments.entityRef, reconciledAt: '2026-01-02T00:00:00.000Z' };
      expect(await store.upsertApplicationStatus(update, { fields: ['syncStatus', 'healthStatus'] })).toEqual({
        entityRef: payments.entityRef,
        syncStatus: 'OutOfSync',
        healthStatus: 'Degraded',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'starts an application as Unknown/Unknown with empty lists, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const status = await store.upsertApplicationStatus({
        entityRef: 'application:default/new',
      });
      expect(status).toEqual({
        entityRef: 'application:default/new',
        syncStatus: 'Unknown',
        healthStatus: 'Unknown',
        syncChangedAt: '2026-01-01T00:00:00.000Z',
        healthChangedAt: '2026-01-01T00:00:00.000Z',
        conditions: [],
        resources: [],
        versions: { images: [], charts: [] },
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'updates only the given fields, clears fields set to null, and dates status changes, %p',
    async databaseId => {
      const { store, clock } = await createTestStore(databases, databaseId);
      await store.upsertApplicationStatus(payments);

      clock.advance(60_000);
      const sameHealth = await store.upsertApplicationStatus({
        entityRef: payments.entityRef,
        healthStatus: 'Degraded',
        syncStatus: 'Synced',
        conditions: null,
      });
      expect(sameHealth.project).toBe('payments');
      expect(sameHealth.revision).toBe(payments.revision);
      expect(sameHealth.resources).toEqual(payments.resources);
      expect(sameHealth.conditions).toEqual([]);
      expect(sameHealth.healthChangedAt).toBe('2026-01-01T00:00:00.000Z');
      expect(sameHealth.syncChangedAt).toBe('2026-01-01T00:01:00.000Z');
      expect(sameHealth.updatedAt).toBe('2026-01-01T00:01:00.000Z');

      clock.advance(60_000);
      const healed = await store.upsertApplicationStatus({
        entityRef: payments.entityRef,
        healthStatus: 'Healthy',
        healthMessage: null,
      });
      expect(healed.healthStatus).toBe('Healthy');
      expect(healed.healthMessage).toBeUndefined();
      expect(healed.healthChangedAt).toBe('2026-01-01T00:02:00.000Z');
      expect(healed.syncChangedAt).toBe('2026-01-01T00:01:00.000Z');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses unknown status words with a message naming the application, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await expect(
        store.upsertApplicationStatus({
          entityRef: 'application:default/x',
          healthStatus: 'Fine' as any,
        }),
      ).rejects.toThrow(
        /application:default\/x.*healthStatus must be one of Healthy/,
      );
      await expect(
        store.upsertApplicationStatus({
          entityRef: 'application:default/x',
          syncStatus: 'InSync' as any,
        }),
      ).rejects.toThrow(/syncStatus must be one of Synced, OutOfSync, Unknown/);
      await expect(
        store.upsertApplicationStatus({ entityRef: '' }),
      ).rejects.toThrow(/entityRef/);
    },
  );

  async function seed(
    store: Awaited<ReturnType<typeof createTestStore>>['store'],
  ) {
    // 30 applications: 3 components × 2 clusters × 5 environments.
    for (let i = 0; i < 30; i++) {
      const component = ['payments', 'orders', 'search'][i % 3];
      await store.upsertApplicationStatus({
        entityRef: `application:default/app-${String(i).padStart(2, '0')}`,
        componentRef: `component:default/${component}`,
        project: component,
        cluster: i % 2 === 0 ? 'prod-eu' : 'prod-us',
        namespace: component,
        environment: `env-${i % 5}`,
        owner: `group:default/team-${component}`,
        syncStatus: i % 4 === 0 ? 'OutOfSync' : 'Synced',
        healthStatus: i % 6 === 0 ? 'Degraded' : 'Healthy',
        resources: [
          {
            group: 'apps',
            kind: 'Deployment',
            name: component,
            namespace: component,
          },
        ],
      });
    }
  }

  it.each(databases.eachSupportedId())(
    'filters on the server with every filter combined, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);

      const payEu = await store.listApplicationStatuses({
        filter: {
          componentRef: 'component:default/payments',
          cluster: 'prod-eu',
        },
        limit: 100,
      });
      // payments: i % 3 == 0; prod-eu: i even → i % 6 == 0 → 0, 6, 12, 18, 24
      expect(payEu.items.map(a => a.entityRef)).toEqual(
        ['00', '06', '12', '18', '24'].map(n => `application:default/app-${n}`),
      );
      expect(payEu.totalCount).toBe(5);

      const unhealthyOrOutOfSync = await store.listApplicationStatuses({
        filter: {
          healthStatus: ['Degraded', 'Missing'],
          syncStatus: 'OutOfSync',
        },
      });
      // Degraded: i % 6 == 0; OutOfSync: i % 4 == 0 → i % 12 == 0 → 0, 12, 24
      expect(unhealthyOrOutOfSync.totalCount).toBe(3);

      const byRefs = await store.listApplicationStatuses({
        filter: {
          entityRef: [
            'application:default/app-01',
            'application:default/app-29',
            'application:default/none',
          ],
          owner: 'group:default/team-orders',
          project: 'orders',
          namespace: 'orders',
          environment: ['env-1', 'env-4'],
        },
      });
      expect(byRefs.items.map(a => a.entityRef)).toEqual([
        'application:default/app-01',
      ]);

      await expect(
        store.listApplicationStatuses({ filter: { colour: 'blue' } as any }),
      ).rejects.toThrow(/Unknown application filter colour/);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages with a cursor or an offset and reports the total, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listApplicationStatuses({
          filter: { cluster: 'prod-us' },
          limit: 4,
          cursor,
        });
        expect(page.totalCount).toBe(15);
        seen.push(...page.items.map(a => a.entityRef!));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(15);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(15);

      const third = await store.listApplicationStatuses({
        limit: 10,
        offset: 20,
      });
      expect(third.totalCount).toBe(30);
      expect(third.items.map(a => a.entityRef)).toEqual(
        Array.from(
          { length: 10 },
          (_, i) => `application:default/app-${20 + i}`,
        ),
      );
      expect(third.nextCursor).toBeUndefined();

      await expect(
        store.listApplicationStatuses({ cursor: '%%%' }),
      ).rejects.toThrow(/Invalid cursor/);
      await expect(store.listApplicationStatuses({ limit: 0 })).rejects.toThrow(
        /limit/,
      );
      await expect(
        store.listApplicationStatuses({ limit: 5000 }),
      ).rejects.toThrow(/1 to 1000/);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages within thousands of visible entity refs as within a few: filters, cursor, offset and total, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const ref = (i: number) => `application:default/app-${String(i).padStart(2, '0')}`;
      const visibleApps = Array.from({ length: 30 }, (_, i) => i).filter(i => i % 3 !== 2);
      // what a permission policy lets a user see: more refs than an IN list should carry
      const visible = [
        ...visibleApps.map(ref),
        ...Array.from({ length: 600 }, (_, i) => `application:default/elsewhere-${i}`),
      ];
      const expected = visibleApps.filter(i => i % 2 === 1).map(ref);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listApplicationStatuses({
          filter: { entityRef: visible, cluster: 'prod-us' },
          fields: ['cluster'],
          limit: 4,
          cursor,
        });
        expect(page.totalCount).toBe(expected.length);
        expect(page.items.every(a => a.cluster === 'prod-us')).toBe(true);
        seen.push(...page.items.map(a => a.entityRef!));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);

      const skipped = await store.listApplicationStatuses({
        filter: { entityRef: visible },
        limit: 5,
        offset: 15,
      });
      expect(skipped.totalCount).toBe(20);
      expect(skipped.items.map(a => a.entityRef)).toEqual(visibleApps.slice(15).map(ref));
      expect(skipped.nextCursor).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'returns only the fields asked for, always with the entity ref, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.upsertApplicationStatus(payments);
      const page = await store.listApplicationStatuses({
        fields: ['healthStatus', 'versions'],
      });
      expect(page.items).toEqual([
        {
          entityRef: payments.entityRef,
          healthStatus: 'Degraded',
          versions: payments.versions,
        },
      ]);
      await expect(
        store.listApplicationStatuses({ fields: ['health' as any] }),
      ).rejects.toThrow(/Unknown application status field\(s\) health/);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets a removed application, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await store.upsertApplicationStatus(payments);
      expect(await store.deleteApplicationStatus(payments.entityRef)).toBe(
        true,
      );
      expect(await store.deleteApplicationStatus(payments.entityRef)).toBe(
        false,
      );
      expect(
        await store.getApplicationStatus(payments.entityRef),
      ).toBeUndefined();
      expect((await store.listApplicationStatuses()).totalCount).toBe(0);
    },
  );
});
