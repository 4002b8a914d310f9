import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { routerFixture } from './__testUtils__/routerFixture';

jest.setTimeout(60_000);

describe('the REST API: child Applications of apps of apps', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lists what apps of apps published, to backend services only', async () => {
    const { app, store } = await routerFixture(databases);
    const guestbook = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'guestbook', namespace: 'argocd' },
      spec: {
        source: {
          repoURL: 'https://git.example.com/apps.git',
          path: 'guestbook',
        },
        destination: { name: 'prod', namespace: 'guestbook' },
      },
    };
    await store.replaceChildApplications('application:default/apps', [
      guestbook,
    ]);

    const asService = await request(app)
      .get('/child-applications')
      .set('Authorization', mockCredentials.service.header());
    expect(asService.status).toBe(200);
    expect(asService.body).toEqual({
      items: [{ parentRef: 'application:default/apps', manifest: guestbook }],
    });

    const asUser = await request(app)
      .get('/child-applications')
      .set('Authorization', mockCredentials.user.header());
    expect(asUser.status).toBe(403);
  });
});
