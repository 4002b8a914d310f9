import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { disposableDatabaseServiceFactory } from '@slipway/test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleSlipway } from './module';

describe('scaffolderModuleSlipway', () => {
  it('registers the Slipway actions with the scaffolder', async () => {
    const backend = await startTestBackend({
      features: [
        disposableDatabaseServiceFactory,
        scaffolderPlugin,
        scaffolderModuleSlipway,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { slipway: { clusters: [{ name: 'embedded', url: 'embedded' }] } },
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
    }
  });
});
