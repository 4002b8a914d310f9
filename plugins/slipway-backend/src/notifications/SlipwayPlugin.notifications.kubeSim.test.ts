/*
 * The plugin with Backstage's notification service (a fake that records what
 * is sent): a real Git server, kube-sim and SQLite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService, NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { KubeSim, startKubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import { slipwayPlugin } from '../plugin';
import { applicationEntity, eventually } from '../reconciler/__testUtils__/backendHarness';
import { DatabaseSlipwayStore } from '../store';

jest.setTimeout(120_000);

describe('the Slipway plugin notifying owners', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const sent: NotificationSendOptions[] = [];
  let git: GitTestServer;
  let sim: KubeSim;
  let workDir: string;
  let store: DatabaseSlipwayStore;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const ref = 'application:default/web-owned';

  beforeAll(async () => {
    git = await GitTestServer.start();
    const repoURL = (
      await git.createRepo('gitops', {
        'web/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  color: blue\n',
      })
    ).url;
    sim = await startKubeSim({ podReadyDelayMs: 0 });
    const knex = await databases.init('SQLITE_3');
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-notify-'));
    const entity = applicationEntity('web-owned', { repoURL, path: 'web', namespace: 'web' });
    entity.metadata.annotations!['slipway.io/owner'] = 'group:default/web-team';
    backend = await startTestBackend({
      features: [
        slipwayPlugin,
        // the real scheduler runs the inventory and notification checks on their schedule
        schedulerServiceFactory,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [entity] }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              sent.push(options);
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workDir },
            slipway: {
              clusters: [{ name: 'sim', url: sim.url, token: sim.token, inCluster: true, skipTLSVerify: true }],
              reconcile: { refreshInterval: 1 },
              inventory: { refreshInterval: 0.5 },
              operations: { pollInterval: 0.1, heartbeatInterval: 0.2 },
              notifications: { outOfSyncAfter: '0s' },
            },
          },
        }),
      ],
    });
    store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
    await git?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('tells the owning group that a new, unsynced Application is OutOfSync, once', async () => {
    const notification = await eventually(async () => sent.find(s => s.payload.scope === `slipway:${ref}:outOfSync`), 'an OutOfSync notification');
    expect(notification).toEqual({
      recipients: { type: 'entity', entityRef: 'group:default/web-team' },
      payload: expect.objectContaining({
        title: 'web-owned is OutOfSync',
        severity: 'normal',
        topic: 'slipway',
        link: '/catalog/default/application/web-owned',
        description: expect.stringContaining('1 resource differs from Git (ConfigMap web/web-config)'),
      }),
    });
    await new Promise(r => setTimeout(r, 2500)); // refreshes and periodic checks
    expect(sent.filter(s => s.payload.scope === `slipway:${ref}:outOfSync`)).toHaveLength(1);
  });

  it('tells the owning group at once when a sync fails', async () => {
    const queued = await store.enqueue({ applicationRef: ref, kind: 'sync', request: { revision: 'no-such-branch' }, initiator: 'user:default/ada' });
    if (queued.status !== 'created') throw new Error('expected a new operation');
    const notification = await eventually(async () => sent.find(s => s.payload.scope === `slipway:${ref}:syncFailed`), 'a sync failure notification');
    expect(notification.recipients).toEqual({ type: 'entity', entityRef: 'group:default/web-team' });
    expect(notification.payload).toMatchObject({ title: 'Sync of web-owned failed', severity: 'high', metadata: { operationId: queued.operation.id } });
    expect(notification.payload.description).toContain(`(operation ${queued.operation.id}, started by user:default/ada) ended Error`);
  });
});
