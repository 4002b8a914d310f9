import { TestDatabases } from '@backstage/backend-test-utils';
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
