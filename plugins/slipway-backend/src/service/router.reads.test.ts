import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { applicationEntity, policy, routerFixture } from './__testUtils__/routerFixture';

jest.setTimeout(60_000);

const A = 'application:default/alpha';
const B = 'application:default/beta';
const C = 'application:default/gamma';

describe('the REST API: reading applications', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const entities = [applicationEntity('alpha'), applicationEntity('beta'), applicationEntity('gamma')];

  async function seeded(options: Parameters<typeof routerFixture>[1] = {}) {
    const fixture = await routerFixture(databases, { entities, ...options });
    const { store } = fixture;
    await store.upsertApplicationStatus({
      entityRef: A,
      componentRef: 'component:default/web',
      environment: 'prod',
      cluster: 'prod',
      namespace: 'alpha',
      project: 'default',
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      revision: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
      commit: { author: 'Ada <ada@example.com>', message: 'web: 1.2.0\n\nnew checkout', date: '2026-11-20T10:15:30.000Z' },
      versions: {
        images: [
          { image: 'ghcr.io/acme/web:1.2.0', resource: 'Deployment/web', container: 'web', location: 'desired' },
          { image: 'ghcr.io/acme/web:1.1.0', resource: 'Deployment/web', container: 'web', location: 'live' },
        ],
        charts: [],
      },
    });
    await store.upsertApplicationStatus({ entityRef: B, componentRef: 'component:default/web', environment: 'staging', syncStatus: 'OutOfSync', healthStatus: 'Degraded' });
    await store.upsertApplicationStatus({ entityRef: C, environment: 'staging', syncStatus: 'OutOfSync', healthStatus: 'Healthy' });
    return fixture;
  }

  describe('GET /applications', () => {
    it('lists applications in entity ref order with their status, policy, commit and total count', async () => {
      const { app, engine } = await seeded();
      engine.describe.mockImplementation(ref => (ref === A ? { name: 'alpha', repoURL: 'https://github.com/acme/gitops.git', syncPolicy: { automated: true, prune: true, selfHeal: false } } : undefined));
      const response = await request(app).get('/applications');
      expect(response.status).toBe(200);
      expect(response.body.totalCount).toBe(3);
      expect(response.body.items.map((i: { entityRef: string }) => i.entityRef)).toEqual([A, B, C]);
      expect(response.body.items[0]).toMatchObject({
        name: 'alpha',
        componentRef: 'component:default/web',
        environment: 'prod',
        destinationNamespace: 'alpha',
        sync: { status: 'Synced', revision: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0' },
        health: { status: 'Healthy' },
        syncPolicy: { automated: true, prune: true, selfHeal: false },
        commit: {
          sha: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
          author: 'Ada <ada@example.com>',
          message: 'web: 1.2.0\n\nnew checkout',
          date: '2026-11-20T10:15:30.000Z',
          url: 'https://github.com/acme/gitops/commit/a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
        },
      });
      // a repository on a host without a known web UI gets no link
      engine.describe.mockImplementation(ref => (ref === A ? { name: 'alpha', repoURL: 'https://git.example.com/acme/gitops.git', syncPolicy: { automated: false, prune: false, selfHeal: false } } : undefined));
      const unlinked = (await request(app).get('/applications?fields=commit&entityRef=default/alpha')).body.items[0];
      expect(unlinked.commit).toEqual({
        sha: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
        author: 'Ada <ada@example.com>',
        message: 'web: 1.2.0\n\nnew checkout',
        date: '2026-11-20T10:15:30.000Z',
      });
      expect(response.body.nextCursor).toBeUndefined();
    });

    it('filters on the server by sync, health, environment and component (as given or as a short ref)', async () => {
      const { app } = await seeded();
      const refs = async (query: string) => (await request(app).get(`/applications?${query}`)).body.items.map((i: { entityRef: string }) => i.entityRef);
      expect(await refs('sync=OutOfSync')).toEqual([B, C]);
      expect(await refs('sync=OutOfSync&health=Degraded')).toEqual([B]);
      expect(await refs('environment=prod&environment=staging')).toEqual([A, B, C]);
      expect(await refs('component=web')).toEqual([A, B]);
      expect(await refs('entityRef=default/gamma')).toEqual([C]);
    });

    it('returns only the fields asked for, and always the entity ref', async () => {
      const { app } = await seeded();
      const response = await request(app).get('/applications?fields=sync,health&limit=1');
      expect(response.body.items).toEqual([{ entityRef: A, sync: expect.objectContaining({ status: 'Synced' }), health: expect.objectContaining({ status: 'Healthy' }) }]);
    });

    it('pages with an opaque cursor', async () => {
      const { app } = await seeded();
      const first = await request(app).get('/applications?limit=2&fields=entityRef');
      expect(first.body).toMatchObject({ items: [{ entityRef: A }, { entityRef: B }], totalCount: 3, nextCursor: expect.any(String) });
      const second = await request(app).get(`/applications?limit=2&fields=entityRef&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({ items: [{ entityRef: C }], totalCount: 3 });
    });

    it.each([
      ['limit=0', "'limit' must be a whole number from 1 to 500"],
      ['limit=501', "'limit' must be a whole number from 1 to 500"],
      ['fields=sync,secrets', "unknown field(s) secrets; the fields are entityRef"],
      ['sync=Broken', "'sync' has unknown value(s) Broken; send one of Synced, OutOfSync, Unknown"],
      ['cursor=!!', 'Invalid cursor'],
    ])('answers 400 for %s, saying what to send', async (query, message) => {
      const { app } = await seeded();
      const response = await request(app).get(`/applications?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
    });

    it('lists nothing when the policy denies catalog read', async () => {
      const { app } = await seeded({ permissions: policy({}, AuthorizeResult.DENY) });
      expect((await request(app).get('/applications')).body).toEqual({ items: [], totalCount: 0 });
    });

    it('lists only the Application entities the catalog shows the caller under a conditional decision', async () => {
      const { app } = await seeded({ permissions: policy({}, AuthorizeResult.CONDITIONAL), entities: [applicationEntity('beta')] });
      const response = await request(app).get('/applications?fields=entityRef');
      expect(response.body).toEqual({ items: [{ entityRef: B }], totalCount: 1 });
      expect((await request(app).get(`/applications?entityRef=${A}`)).body.items).toEqual([]);
    });
  });

  describe('GET /applications/:namespace/:name', () => {
    it('returns one application with its latest operation', async () => {
      const { app, store } = await seeded();
      const enqueued = await store.enqueue({ applicationRef: A, kind: 'sync', request: { prune: true }, initiator: 'user:default/ada' });
      const response = await request(app).get('/applications/default/alpha');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        entityRef: A,
        name: 'alpha',
        sync: { status: 'Synced' },
        conditions: [],
        // not tracked by the engine yet: the policy comes from the entity
        syncPolicy: { automated: true, prune: true, selfHeal: false },
        operation: { id: enqueued.status === 'created' ? enqueued.operation.id : 'none', phase: 'Queued', initiator: 'user:default/ada' },
      });
    });

    it('answers Unknown for a visible Application that has not been compared yet', async () => {
      const { app } = await routerFixture(databases, { entities });
      const response = await request(app).get('/applications/default/beta');
      expect(response.body).toMatchObject({ entityRef: B, sync: { status: 'Unknown' }, health: { status: 'Unknown' } });
    });

    it('answers 404 with a clear message for an Application that does not exist or is not visible', async () => {
      const { app } = await seeded({ entities: [applicationEntity('alpha')] });
      for (const path of ['/applications/default/nope', '/applications/default/beta']) {
        const response = await request(app).get(path);
        expect(response.status).toBe(404);
        expect(response.body.error.message).toMatch(/^Application application:default\/(nope|beta) was not found: no Application entity/);
      }
    });
  });

  describe('tree, resource, history and operations of an application', () => {
    it('returns the resource tree from the engine, 404 when the engine does not track the application', async () => {
      const { app, engine } = await seeded();
      engine.resourceTree.mockResolvedValueOnce({ nodes: [{ group: '', kind: 'ConfigMap', namespace: 'alpha', name: 'cfg', apiVersion: 'v1', parents: [], managed: true }] });
      expect((await request(app).get('/applications/default/alpha/tree')).body.nodes).toHaveLength(1);
      expect(engine.resourceTree).toHaveBeenCalledWith(A);
      const missing = await request(app).get('/applications/default/alpha/tree');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('has no resource tree yet');
    });

    it('returns one resource by group, kind, namespace and name; 400 without kind or name; 404 when not part of the application', async () => {
      const { app, engine } = await seeded();
      const key = { group: 'apps', kind: 'Deployment', namespace: 'alpha', name: 'web' };
      engine.resource.mockResolvedValueOnce({ key, diff: '', events: [] });
      const found = await request(app).get('/applications/default/alpha/resource').query(key);
      expect(found.body).toEqual({ key, diff: '', events: [] });
      expect(engine.resource).toHaveBeenCalledWith(A, key);
      const bad = await request(app).get('/applications/default/alpha/resource?name=web');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain("'kind' and 'name' are required");
      const missing = await request(app).get('/applications/default/alpha/resource').query({ ...key, name: 'other' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('apps/Deployment alpha/other is not a resource of application:default/alpha');
    });

    it('returns the history newest first and the operations of the application', async () => {
      const { app, store } = await seeded();
      await store.addHistory({ applicationRef: A, revision: 'r1', source: { path: 'alpha' }, initiator: 'automated' });
      await store.addHistory({ applicationRef: A, revision: 'r2', source: { path: 'alpha' }, initiator: 'user:default/ada', commitMessage: 'bump' });
      const history = await request(app).get('/applications/default/alpha/history');
      expect(history.body.items.map((h: { revision: string }) => h.revision)).toEqual(['r2', 'r1']);
      expect(history.body.items[0]).toMatchObject({ initiator: 'user:default/ada', commitMessage: 'bump', source: { path: 'alpha' } });

      await store.enqueue({ applicationRef: A, kind: 'sync', request: {}, initiator: 'automated' });
      const operations = await request(app).get('/applications/default/alpha/operations');
      expect(operations.body.items).toEqual([expect.objectContaining({ entityRef: A, kind: 'sync', phase: 'Queued' })]);
    });
  });

  describe('GET /operations/:id/events', () => {
    it('returns the events of an operation, oldest first; 404 for unknown operations or applications the caller cannot see', async () => {
      const { app, store } = await seeded({ entities: [applicationEntity('alpha')] });
      const a = await store.enqueue({ applicationRef: A, kind: 'sync', request: {}, initiator: 'automated' });
      const b = await store.enqueue({ applicationRef: B, kind: 'sync', request: {}, initiator: 'automated' });
      if (a.status !== 'created' || b.status !== 'created') throw new Error('expected new operations');
      await store.appendEvents(a.operation.id, [
        { phase: 'Sync', wave: 0, resourceKey: '/ConfigMap/alpha/cfg', status: 'Synced', message: 'configured' },
        { status: 'Succeeded' },
      ]);
      const events = await request(app).get(`/operations/${a.operation.id}/events`);
      expect(events.body.items).toEqual([
        expect.objectContaining({ phase: 'Sync', wave: 0, resourceKey: '/ConfigMap/alpha/cfg', status: 'Synced', message: 'configured' }),
        expect.objectContaining({ status: 'Succeeded' }),
      ]);
      expect((await request(app).get('/operations/no-such-op/events')).status).toBe(404);
      const hidden = await request(app).get(`/operations/${b.operation.id}/events`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toContain(`Operation ${b.operation.id} was not found`);
      expect((await request(app).get(`/operations/${a.operation.id}/events?after=x`)).status).toBe(400);
    });
  });

  describe('GET /versions', () => {
    it('returns the running images per application of a component, the desired ones where nothing runs', async () => {
      const { app, store } = await seeded();
      await store.upsertApplicationStatus({
        entityRef: B,
        versions: { images: [{ image: 'ghcr.io/acme/web:1.3.0@sha256:abc', resource: 'Deployment/web', container: 'web', location: 'desired' }], charts: [] },
      });
      const response = await request(app).get('/versions?component=component:default/web');
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        { entityRef: A, environment: 'prod', cluster: 'prod', images: [{ repository: 'ghcr.io/acme/web', tag: '1.1.0', container: 'web', resource: 'Deployment/web' }], charts: [] },
        { entityRef: B, environment: 'staging', images: [{ repository: 'ghcr.io/acme/web', tag: '1.3.0', digest: 'sha256:abc', container: 'web', resource: 'Deployment/web' }], charts: [] },
      ]);
      const byRef = await request(app).get(`/versions?entityRef=${C}&entityRef=${A}`);
      expect(byRef.body.items.map((i: { entityRef: string }) => i.entityRef)).toEqual([A, C]);
    });

    it("says when a chart's Helm repository or OCI registry has a newer stable version, and answers without it when the repository fails", async () => {
      const newestVersion = jest.fn(async (repoURL: string, chart: string) => {
        if (repoURL.includes('broken')) throw new Error('index.yaml: 503 Service Unavailable');
        if (repoURL.startsWith('oci://')) return '0.2.0';
        return chart === 'storefront' ? '2.1.0' : '1.0.0';
      });
      const { app, store } = await seeded({ chartVersions: { newestVersion } });
      const chart = (repoURL: string, name: string, version: string) => ({ chart: name, version, repoURL, location: 'desired' as const });
      await store.upsertApplicationStatus({
        entityRef: A,
        versions: {
          images: [],
          charts: [
            chart('https://charts.example.com', 'storefront', '2.0.0'),
            chart('https://charts.example.com', 'cache', '1.0.0'),
            chart('https://broken.example.com', 'queue', '0.9.0'),
            chart('oci://registry.example.com/charts', 'worker', '0.1.0'),
          ],
        },
      });
      await store.upsertApplicationStatus({ entityRef: B, versions: { images: [], charts: [chart('https://charts.example.com', 'storefront', '2.1.0')] } });
      const response = await request(app).get('/versions?component=component:default/web');
      expect(response.status).toBe(200);
      expect(response.body.items[0].charts).toEqual([
        { repoURL: 'https://charts.example.com', chart: 'storefront', version: '2.0.0', latestVersion: '2.1.0' },
        { repoURL: 'https://charts.example.com', chart: 'cache', version: '1.0.0' },
        { repoURL: 'https://broken.example.com', chart: 'queue', version: '0.9.0' },
        { repoURL: 'oci://registry.example.com/charts', chart: 'worker', version: '0.1.0', latestVersion: '0.2.0' },
      ]);
      expect(response.body.items[1].charts).toEqual([{ repoURL: 'https://charts.example.com', chart: 'storefront', version: '2.1.0' }]);
      // one question per repository and chart
      expect(newestVersion.mock.calls.map(([repo, name]) => `${repo} ${name}`).sort()).toEqual([
        'https://broken.example.com queue',
        'https://charts.example.com cache',
        'https://charts.example.com storefront',
        'oci://registry.example.com/charts worker',
      ]);
    });

    it('answers 400 when neither a component nor applications are named', async () => {
      const { app } = await seeded();
      const response = await request(app).get('/versions');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('send ?component=component:<namespace>/<name>');
    });
  });
});
