import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { slipwayPlugin } from './plugin';

describe('slipway backend plugin', () => {
  it('starts and answers its health endpoint without credentials', async () => {
    const { server } = await startTestBackend({
      features: [slipwayPlugin, mockServices.rootConfig.factory({ data: {} })],
    });
    const response = await request(server).get('/api/slipway/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('does not serve routes it does not have', async () => {
    const { server } = await startTestBackend({ features: [slipwayPlugin] });
    const response = await request(server).get('/api/slipway/no-such-route');
    expect(response.status).toBe(404);
  });
});
