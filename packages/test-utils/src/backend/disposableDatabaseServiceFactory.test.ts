import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { disposableDatabaseServiceFactory } from './disposableDatabaseServiceFactory';

describe('disposableDatabaseServiceFactory', () => {
  it('gives each plugin a working database of its own and destroys it when the backend stops', async () => {
    const clients: Record<string, Knex> = {};
    const pluginUsing = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(reg) {
          reg.registerInit({
            deps: { database: coreServices.database },
            async init({ database }) {
              const knex = await database.getClient();
              await knex.schema.createTable('notes', t => t.string('text'));
              await knex('notes').insert({ text: pluginId });
              clients[pluginId] = knex;
            },
          });
        },
      });
    const backend = await startTestBackend({
      features: [disposableDatabaseServiceFactory, pluginUsing('first'), pluginUsing('second')],
    });
    expect(await clients.first('notes').pluck('text')).toEqual(['first']);
    expect(await clients.second('notes').pluck('text')).toEqual(['second']);

    await backend.stop();
    await expect(clients.first('notes').select()).rejects.toThrow();
  });
});
