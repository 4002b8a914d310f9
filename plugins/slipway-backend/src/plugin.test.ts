import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { disposableDatabaseServiceFactory } from '@slipway/test-utils';
import request from 'supertest';
import { slipwayPlugin } from './plugin';

describe('slipway backend plugin', () => {
  it('starts and answers its health endpoint without credentials', async () => {
    const backend = await startTestBackend({
      features: [slipwayPlugin, disposableDatabaseServiceFactory, mockServices.rootConfig.factory({ data: {} })],
    });
    try {
      const response = await request(backend.server).get('/api/slipway/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    } finally {
      await backend.stop();
    }
  });

  it('does not serve routes it does not have', async () => {
    const backend = await startTestBackend({ features: [slipwayPlugin, disposableDatabaseServiceFactory] });
    try {
      const response = await request(backend.server).get('/api/slipway/no-such-route');
      expect(response.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
