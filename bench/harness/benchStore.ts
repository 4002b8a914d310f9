/** Slipway's store on an in-memory SQLite database, as the embedded default runs it. */
import knexFactory from 'knex';
import { DatabaseSlipwayStore } from '../../plugins/slipway-backend/src/store';

export async function createBenchStore() {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex } });
  return { store, knex, stop: () => knex.destroy() };
}
