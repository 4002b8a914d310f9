import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';

/**
 * The database service for `startTestBackend`: an in-memory SQLite database
 * per plugin, destroyed when the plugin shuts down. Backstage's default
 * database service keeps its knex pools, and their reaping timers, after
 * `backend.stop()`, which keeps Jest's worker alive until it is force-exited.
 */
export const disposableDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: { lifecycle: coreServices.lifecycle },
  factory({ lifecycle }) {
    let client: Knex | undefined;
    lifecycle.addShutdownHook(async () => {
      await client?.destroy();
    });
    return {
      getClient: async () => {
        // one connection: each connection to ':memory:' is a database of its own
        client ??= knexFactory({
          client: 'better-sqlite3',
          connection: { filename: ':memory:' },
          useNullAsDefault: true,
          pool: { min: 1, max: 1 },
        });
        return client;
      },
    };
  },
});
