import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseSlipwayStore } from './DatabaseSlipwayStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const TABLES = [
  'slipway_application_status',
  'slipway_operations',
  'slipway_operation_events',
  'slipway_history',
];

describe('DatabaseSlipwayStore.create', () => {
  it.each(databases.eachSupportedId())(
    'creates the schema once and can be created again on the same database, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const first = await DatabaseSlipwayStore.create({ database });
      await first.upsertApplicationStatus({
        entityRef: 'application:default/a',
      });

      // A second replica (or a restart) runs migrations again: nothing is lost.
      const second = await DatabaseSlipwayStore.create({ database });
      expect(
        await second.getApplicationStatus('application:default/a'),
      ).toMatchObject({
        syncStatus: 'Unknown',
      });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
      });
      await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'migrations can be rolled back, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
      });
      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@slipway/plugin-slipway-backend',
            'migrations',
          ),
        },
        true,
      );
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );

  it('reads the sorted operation look-ups in index order, without sorting rows', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSlipwayStore.create({
      database: { getClient: async () => knex },
    });
    const statements: Array<{
      sql: string;
      bindings: readonly Knex.RawBinding[];
    }> = [];
    const record = (query: {
      sql: string;
      bindings?: readonly Knex.RawBinding[];
    }) => {
      if (/order by/i.test(query.sql)) {
        statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
      }
    };
    knex.on('query', record);
    await store.listOperations('application:default/a', { limit: 1 });
    await store.claimNext('replica-1');
    knex.off('query', record);

    // an application's newest operations, and the queue's oldest
    expect(statements).toHaveLength(2);
    for (const { sql, bindings } of statements) {
      const plan = await knex.raw(`explain query plan ${sql}`, bindings);
      const steps = plan.map((row: { detail: string }) => row.detail);
      expect(steps.join('; ')).toMatch(
        /USING (COVERING )?INDEX slipway_operations_/,
      );
      expect(steps.join('; ')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('refuses a history limit that is not a positive integer', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
        historyLimit: 0,
      }),
    ).rejects.toThrow(/positive integer/);
  });
});
