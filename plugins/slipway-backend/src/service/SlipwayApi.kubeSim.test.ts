/*
 * The REST API end to end: the plugin in a test backend serving HTTP, with
 * the real scheduler, a Git smart-HTTP server, kube-sim and SQLite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { applicationEntity, eventually, kubeClient, startSlipway } from '../reconciler/__testUtils__/backendHarness';
import { configMapYaml, slowDeploymentYaml } from '../reconciler/__testUtils__/manifests';
import { DatabaseSlipwayStore } from '../store';

jest.setTimeout(180_000);

const WEBHOOK_SECRET = 'webhook-secret';
const MALLORY = 'user:default/mallory';

// Wave 1 waits for the Deployment of wave 0 to become healthy, which kube-sim
// delays: the sync stays Running while the concurrent requests arrive.
const slowApp = `${slowDeploymentYaml('slow', 'ghcr.io/acme/slow:1.0.0')}---
${configMapYaml('after-slow', 'green', 1)}`;

/** A policy that denies Slipway's actions to Mallory and allows everything else. */
const policy = mockServices.permissions.mock({
  authorize: (async (requests, options) =>
    requests.map(r => {
      const principal = options.credentials.principal as { userEntityRef?: string };
      const denied = principal.userEntityRef === MALLORY && r.permission.name.startsWith('slipway.');
      return { result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    })) as PermissionsService['authorize'],
  authorizeConditional: (async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW }))) as PermissionsService['authorizeConditional'],
});

describe('the Slipway REST API on a running backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let git: GitTestServer;
  let sim: KubeSim;
  let knex: Knex;
  let store: DatabaseSlipwayStore;
  let backend: Awaited<ReturnType<typeof startSlipway>>;
  let workDir: string;
  let repoURL: string;

  beforeAll(async () => {
    git = await GitTestServer.start();
    repoURL = (
      await git.createRepo('gitops', {
        'busy/app.yaml': slowApp,
        'pushed/config.yaml': configMapYaml('pushed-config', 'v1'),
        'guarded/config.yaml': configMapYaml('guarded-config', 'v1'),
      })
    ).url;
    sim = await startKubeSim({ podReadyDelayMs: 3000 });
    knex = await databases.init('SQLITE_3');
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-api-'));
    backend = await startSlipway({
      knex,
      sim,
      workDir,
      entities: [
        applicationEntity('web-busy', { repoURL, path: 'busy', namespace: 'web-busy' }),
        applicationEntity('web-pushed', { repoURL, path: 'pushed', namespace: 'web-pushed', automated: { prune: true } }),
        applicationEntity('web-guarded', { repoURL, path: 'guarded', namespace: 'web-guarded' }),
      ],
      slipway: {
        // no periodic refresh during the test: only the webhook can bring a new commit in
        reconcile: { refreshInterval: 3600, selfHealTimeout: 0 },
        webhooks: { github: { secret: WEBHOOK_SECRET } },
      },
      features: [policy.factory],
    });
    store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
    await git?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const api = () => request(backend.server);
  const compared = (name: string) =>
    eventually(async () => {
      const s = await store.getApplicationStatus(`application:default/${name}`);
      return s?.revision !== undefined && s;
    }, `${name} to be compared`);

  it('creates exactly one operation for 50 concurrent sync requests; the other 49 get 409 naming it', async () => {
    const ref = 'application:default/web-busy';
    await compared('web-busy');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api().post('/api/slipway/applications/default/web-busy/sync').send({ prune: true })),
    );
    const accepted = responses.filter(r => r.status === 202);
    const conflicts = responses.filter(r => r.status === 409);
    expect(accepted).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const id = accepted[0].body.operation.id;
    for (const conflict of conflicts) {
      expect(conflict.body.operation.id).toBe(id);
      expect(conflict.body.error.message).toContain(`operation ${id} (sync by user:default/mock)`);
    }
    const { items } = await store.listOperations(ref);
    expect(items.map(op => op.id)).toEqual([id]);
    const done = await eventually(async () => {
      const op = await store.getOperation(id);
      return op && ['Succeeded', 'Failed', 'Error'].includes(op.phase) && op;
    }, `operation ${id} to end`);
    expect(done.phase).toBe('Succeeded');
    expect((await kubeClient(sim).configMap('web-busy', 'after-slow')).data).toEqual({ color: 'green' });
  });

  it('refreshes and syncs an application to the pushed commit when a signed push webhook arrives', async () => {
    const ref = 'application:default/web-pushed';
    const before = await git.headOf('gitops');
    await eventually(async () => (await store.getApplicationStatus(ref))?.syncStatus === 'Synced', 'web-pushed to be Synced');
    const pushed = await git.commit('gitops', { 'pushed/config.yaml': configMapYaml('pushed-config', 'v2') }, { message: 'v2' });
    expect(pushed).not.toBe(before);

    const payload = JSON.stringify({ ref: 'refs/heads/main', after: pushed, repository: { clone_url: repoURL } });
    const signature = `sha256=${crypto.createHmac('sha256', WEBHOOK_SECRET).update(payload).digest('hex')}`;
    const response = await api()
      .post('/api/slipway/webhooks/git')
      .set({ 'x-github-event': 'push', 'x-hub-signature-256': signature, 'content-type': 'application/json' })
      .send(payload);
    expect(response.status).toBe(200);
    expect(response.body.refreshed).toEqual(expect.arrayContaining([ref]));

    // a generous deadline: the point is that it happens without the (hour-long) periodic refresh
    await eventually(
      async () => (await kubeClient(sim).configMap('web-pushed', 'pushed-config'))?.data?.color === 'v2',
      'the pushed commit to reach the cluster',
      10_000,
    );
    await eventually(async () => {
      const s = await store.getApplicationStatus(ref);
      return s?.revision === pushed && s.syncStatus === 'Synced';
    }, 'web-pushed to be Synced at the pushed commit', 10_000);
    const [latest] = (await store.listOperations(ref)).items;
    expect(latest).toMatchObject({ initiator: 'automated', phase: 'Succeeded' });

    const forged = await api()
      .post('/api/slipway/webhooks/git')
      .set({ 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, 'content-type': 'application/json' })
      .send(payload);
    expect(forged.status).toBe(401);
  });

  it('answers 403 to a user the policy denies, and creates no operation', async () => {
    const ref = 'application:default/web-guarded';
    await compared('web-guarded');
    const asMallory = (r: request.Test) => r.set('authorization', mockCredentials.user.header(MALLORY));
    const sync = await asMallory(api().post('/api/slipway/applications/default/web-guarded/sync').send({}));
    expect(sync.status).toBe(403);
    expect(sync.body.error.message).toContain(`${MALLORY} may not sync ${ref}`);
    const rollback = await asMallory(api().post('/api/slipway/applications/default/web-guarded/rollback').send({ historyId: 1 }));
    expect(rollback.status).toBe(403);
    // reading stays allowed: only the actions are denied
    const read = await asMallory(api().get('/api/slipway/applications/default/web-guarded'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ entityRef: ref, sync: { status: 'OutOfSync' } });
    // the diff of a resource is rendered when someone looks at it
    const resource = await asMallory(
      api().get('/api/slipway/applications/default/web-guarded/resource').query({ kind: 'ConfigMap', namespace: 'web-guarded', name: 'guarded-config' }),
    );
    expect(resource.status).toBe(200);
    expect(resource.body.diff).toMatch(/\+\s+color: v1/);

    await new Promise(r => setTimeout(r, 500)); // a few worker polls
    expect((await store.listOperations(ref)).items).toEqual([]);
    expect(await kubeClient(sim).configMap('web-guarded', 'guarded-config')).toBeUndefined();
  });
});
