import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import knexFactory from 'knex';
import request from 'supertest';
import { scaffolderModuleSlipway } from './module';

describe('scaffolderModuleSlipway', () => {
  it('registers the Slipway actions with the scaffolder', async () => {
    // a database of the test's own: the default one's pool outlives backend.stop() and keeps Jest's worker alive
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const backend = await startTestBackend({
      features: [
        mockServices.database.factory({ knex }),
        scaffolderPlugin,
        scaffolderModuleSlipway,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          // no task worker: this test lists actions, and the worker's polling outlives backend.stop()
          data: { slipway: { clusters: [{ name: 'embedded', url: 'embedded' }] }, scaffolder: { concurrentTasksLimit: 0 } },
        }),
      ],
    });
    try {
      const response = await request(backend.server)
        .get('/api/scaffolder/v2/actions')
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      const ids = response.body.map((a: { id: string }) => a.id);
      expect(ids).toEqual(expect.arrayContaining(['slipway:environment:create', 'slipway:application:onboard', 'slipway:application:sync']));
      const create = response.body.find((a: { id: string }) => a.id === 'slipway:environment:create');
      expect(create.schema.input.properties.environment).toMatchObject({ type: 'string' });
      expect(create.examples.length).toBeGreaterThan(0);
    } finally {
      await backend.stop();
      await knex.destroy();
    }
  });
});
