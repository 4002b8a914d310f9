import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { InventoryApplication } from '../inventory';
import { ApplicationNotifier } from './ApplicationNotifier';
import type { NotificationEpisodeStore } from '../store/NotificationEpisodeStore';
import type { ApplicationSnapshot } from './notificationContent';

/** The store's compare-and-set semantics over a map, shared by the notifiers of one test. */
class MemoryEpisodeStore implements NotificationEpisodeStore {
  readonly kept = new Map<string, string>();
  failing = false;

  private check() {
    if (this.failing) throw new Error('SQLITE_BUSY: database is locked');
  }

  async listNotificationEpisodes() {
    this.check();
    return new Map(this.kept);
  }

  async getNotificationEpisodes(ref: string) {
    this.check();
    return this.kept.get(ref);
  }

  async replaceNotificationEpisodes(ref: string, expected: string | undefined, next: string | undefined) {
    this.check();
    if (this.kept.get(ref) !== expected) return false;
    if (next === undefined) this.kept.delete(ref);
    else this.kept.set(ref, next);
    return true;
  }

  async forgetNotificationEpisodes(ref: string) {
    this.check();
    this.kept.delete(ref);
  }
}

const MIN = 60_000;

function application(name: string, extra: Partial<InventoryApplication> = {}): InventoryApplication {
  return {
    entityRef: `application:default/${name}`,
    app: { name, spec: { destination: { name: 'prod', namespace: 'payments' } } },
    specHash: 'h',
    project: 'default',
    cluster: 'prod',
    namespace: 'payments',
    entityNamespace: 'default',
    owner: 'payments-team',
    componentRef: 'component:default/payments',
    ...extra,
  };
}

const healthy: ApplicationSnapshot = { sync: 'Synced', health: 'Healthy', unhealthy: [], outOfSync: [], conditions: [] };
const degraded: ApplicationSnapshot = {
  sync: 'Synced',
  health: 'Degraded',
  healthMessage: 'Deployment "web" exceeded its progress deadline',
  unhealthy: [{ resource: 'Deployment payments/web', status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' }],
  outOfSync: [],
  conditions: [],
};
const outOfSync: ApplicationSnapshot = {
  sync: 'OutOfSync',
  health: 'Healthy',
  unhealthy: [],
  outOfSync: ['ConfigMap payments/config', 'Deployment payments/web', 'Service payments/web', 'Ingress payments/web'],
  conditions: [],
};

/** A notifier over fixed applications, a fake clock and a fake notification service. */
function setup(
  apps: InventoryApplication[] = [application('payments-prod')],
  { episodes, catalogRead = () => true }: { episodes?: NotificationEpisodeStore; catalogRead?: () => boolean } = {},
) {
  let now = 0;
  const logger = mockServices.logger.mock();
  const sent: NotificationSendOptions[] = [];
  const snapshots = new Map<string, ApplicationSnapshot>();
  const inventory = new Map(apps.map(a => [a.entityRef, a]));
  let failSends = false;
  const notifier = new ApplicationNotifier({
    thresholds: { degradedAfterMs: 10 * MIN, outOfSyncAfterMs: 30 * MIN },
    sender: {
      send: async options => {
        if (failSends) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        sent.push(options);
      },
    },
    applications: {
      get: ref => inventory.get(ref),
      // an inventory still reading the catalog lists nothing yet
      list: () => (catalogRead() ? [...inventory.values()] : []),
      get ready() {
        return catalogRead();
      },
    },
    snapshot: ref => snapshots.get(ref),
    logger,
    episodes,
    now: () => now,
  });
  return {
    notifier,
    logger,
    sent,
    inventory,
    at: (minute: number) => {
      now = minute * MIN;
    },
    status: (ref: string, snapshot: ApplicationSnapshot) => snapshots.set(ref, snapshot),
    failSends: (fail: boolean) => {
      failSends = fail;
    },
  };
}

const REF = 'application:default/payments-prod';

describe('ApplicationNotifier', () => {
  it('tells the owning group once when an application stays Degraded past the threshold', async () => {
    const t = setup();
    t.at(0);
    t.status(REF, healthy);
    await t.notifier.statusChanged(REF);
    t.at(2);
    t.status(REF, degraded);
    await t.notifier.statusChanged(REF);
    t.at(11);
    await t.notifier.check();
    expect(t.sent).toEqual([]);
    t.at(12);
    await t.notifier.check();
    t.at(20);
    await t.notifier.check();

    expect(t.sent).toHaveLength(1);
    expect(t.sent[0].recipients).toEqual({ type: 'entity', entityRef: 'group:default/payments-team' });
    expect(t.sent[0].payload).toEqual({
      title: 'payments-prod is Degraded',
      description:
        'Application payments-prod (cluster prod, namespace payments) has been Degraded for 10 minutes: ' +
        'Deployment payments/web: Deployment "web" exceeded its progress deadline. ' +
        'Open the application in the catalog to see the unhealthy resources and their events, then fix the manifests in Git or the cause in the cluster.',
      severity: 'high',
      link: '/catalog/default/application/payments-prod',
      topic: 'slipway',
      scope: 'slipway:application:default/payments-prod:degraded',
      metadata: { entityRef: REF, problem: 'degraded', since: new Date(2 * MIN).toISOString() },
    });
  });

  it('notifies OutOfSync with normal severity after its own threshold, listing what differs', async () => {
    const t = setup();
    t.at(0);
    t.status(REF, outOfSync);
    await t.notifier.statusChanged(REF);
    t.at(29);
    await t.notifier.check();
    expect(t.sent).toEqual([]);
    t.at(31);
    await t.notifier.check();
    expect(t.sent.map(s => [s.payload.title, s.payload.severity, s.payload.scope])).toEqual([
      ['payments-prod is OutOfSync', 'normal', 'slipway:application:default/payments-prod:outOfSync'],
    ]);
    expect(t.sent[0].payload.description).toContain(
      'has been OutOfSync for 31 minutes: 4 resources differ from Git (ConfigMap payments/config, Deployment payments/web, Service payments/web and 1 more).',
    );
    expect(t.sent[0].payload.description).toContain('Sync it from its page in the catalog');
  });

  it('notifies a failed sync at once and not its retries, and again after a success and a new failure', async () => {
    const t = setup();
    const failed = { id: 'op-1', kind: 'sync', initiator: 'automated', phase: 'Failed', message: 'one or more objects failed to apply: Deployment payments/web: spec.replicas: Invalid value' };
    t.at(1);
    await t.notifier.operationFinished(REF, failed);
    t.at(2);
    await t.notifier.operationFinished(REF, { ...failed, id: 'op-2', phase: 'Error', message: 'cluster prod is unreachable' });
    t.at(3);
    await t.notifier.operationFinished(REF, { ...failed, id: 'op-3', phase: 'Succeeded', message: 'successfully synced' });
    t.at(4);
    await t.notifier.operationFinished(REF, { ...failed, id: 'op-4', kind: 'rollback', initiator: 'user:default/ada' });

    expect(t.sent.map(s => [s.payload.title, s.payload.severity, s.payload.metadata?.operationId])).toEqual([
      ['Sync of payments-prod failed', 'high', 'op-1'],
      ['Sync of payments-prod succeeded', 'low', 'op-3'],
      ['Rollback of payments-prod failed', 'high', 'op-4'],
    ]);
    expect(t.sent[0].payload.description).toBe(
      'The sync of application payments-prod (cluster prod, namespace payments) (operation op-1, automated) ended Failed: ' +
        'one or more objects failed to apply: Deployment payments/web: spec.replicas: Invalid value. ' +
        "Look at the operation's events on the application's page in the catalog, fix the cause in Git or the cluster, and sync again.",
    );
    expect(t.sent[2].payload.description).toContain('(operation op-4, started by user:default/ada) ended Failed');
    expect(t.sent[2].payload.scope).toBe('slipway:application:default/payments-prod:syncFailed');
  });

  it("sends to the Component when the application has no owner, and to nobody when it has neither", async () => {
    const t = setup([
      application('no-owner', { owner: undefined }),
      application('orphan', { owner: undefined, componentRef: undefined }),
      application('other-ns', { owner: 'group:platform/sre', entityNamespace: 'team-a', entityRef: 'application:team-a/other-ns' }),
    ]);
    t.at(0);
    for (const ref of ['application:default/no-owner', 'application:default/orphan', 'application:team-a/other-ns']) {
      t.status(ref, degraded);
    }
    await t.notifier.check();
    t.at(10);
    await t.notifier.check();
    expect(t.sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: 'component:default/payments' },
      { type: 'entity', entityRef: 'group:platform/sre' },
    ]);
    expect(t.sent[1].payload.link).toBe('/catalog/team-a/application/other-ns');
  });

  it('forgets removed applications, so one that comes back starts a new episode', async () => {
    const t = setup();
    const app = t.inventory.get(REF)!;
    t.at(0);
    t.status(REF, degraded);
    await t.notifier.check();
    t.at(10);
    await t.notifier.check();
    t.inventory.delete(REF);
    await t.notifier.check();
    t.inventory.set(REF, app);
    t.at(11);
    await t.notifier.check();
    t.at(20);
    await t.notifier.check();
    t.at(21);
    await t.notifier.check();
    expect(t.sent.map(s => s.payload.metadata?.since)).toEqual([new Date(0).toISOString(), new Date(11 * MIN).toISOString()]);
  });

  it('keeps working when sending fails: the episode counts as told, the next one is sent', async () => {
    const t = setup();
    t.failSends(true);
    t.at(0);
    t.status(REF, degraded);
    await t.notifier.check();
    t.at(10);
    await expect(t.notifier.check()).resolves.toBeUndefined();
    t.failSends(false);
    t.at(11);
    t.status(REF, healthy);
    await t.notifier.statusChanged(REF);
    t.status(REF, degraded);
    await t.notifier.statusChanged(REF);
    t.at(21);
    await t.notifier.check();
    // the failed one counts as told, so its end is told
    expect(t.sent.map(s => s.payload.title)).toEqual(['payments-prod is no longer Degraded', 'payments-prod is Degraded']);
  });

  it('tells the owners when a problem they were told about ends, replacing its notification', async () => {
    const t = setup();
    t.at(0);
    t.status(REF, degraded);
    await t.notifier.check();
    t.at(10);
    await t.notifier.check();
    t.at(25);
    t.status(REF, healthy);
    await t.notifier.statusChanged(REF);
    await t.notifier.check();

    expect(t.sent).toHaveLength(2);
    expect(t.sent[1].recipients).toEqual({ type: 'entity', entityRef: 'group:default/payments-team' });
    expect(t.sent[1].payload).toEqual({
      title: 'payments-prod is no longer Degraded',
      description: 'Application payments-prod (cluster prod, namespace payments) is Healthy again after 25 minutes Degraded.',
      severity: 'low',
      link: '/catalog/default/application/payments-prod',
      topic: 'slipway',
      scope: t.sent[0].payload.scope,
      metadata: { entityRef: REF, problem: 'degraded', since: new Date(0).toISOString(), recoveredAt: new Date(25 * MIN).toISOString() },
    });
  });

  it('says nothing when a problem ends before anyone was told', async () => {
    const t = setup();
    t.at(0);
    t.status(REF, outOfSync);
    await t.notifier.check();
    t.at(29);
    t.status(REF, healthy);
    await t.notifier.check();
    expect(t.sent).toEqual([]);
  });

  it('tells a successful sync after a failed one as the end of the failure', async () => {
    const t = setup();
    const op = { id: 'op-1', kind: 'sync', initiator: 'user:default/ada', phase: 'Failed', message: 'Deployment payments/web: invalid' };
    t.at(0);
    await t.notifier.operationFinished(REF, op);
    t.at(5);
    await t.notifier.operationFinished(REF, { ...op, id: 'op-2', phase: 'Succeeded', message: 'successfully synced' });
    expect(t.sent.map(s => [s.payload.title, s.payload.severity, s.payload.scope])).toEqual([
      ['Sync of payments-prod failed', 'high', 'slipway:application:default/payments-prod:syncFailed'],
      ['Sync of payments-prod succeeded', 'low', 'slipway:application:default/payments-prod:syncFailed'],
    ]);
    expect(t.sent[1].payload.description).toBe(
      'The sync of application payments-prod (cluster prod, namespace payments) (operation op-2, started by user:default/ada) succeeded, 5 minutes after the failed one.',
    );
  });

  it('does not tell an ongoing problem again after a restart, and tells its end', async () => {
    const store = new MemoryEpisodeStore();
    const before = setup(undefined, { episodes: store });
    before.at(0);
    before.status(REF, degraded);
    await before.notifier.check();
    before.at(10);
    await before.notifier.check();
    expect(before.sent).toHaveLength(1);

    const after = setup(undefined, { episodes: store });
    after.at(30);
    after.status(REF, degraded);
    await after.notifier.check();
    after.at(60);
    await after.notifier.check();
    expect(after.sent).toEqual([]);
    after.at(61);
    after.status(REF, healthy);
    await after.notifier.statusChanged(REF);
    expect(after.sent.map(s => s.payload.description)).toEqual([
      'Application payments-prod (cluster prod, namespace payments) is Healthy again after 1 hour 1 minute Degraded.',
    ]);
    expect(store.kept.size).toBe(0);
  });

  it('tells an episode once when two replicas decide to tell it at the same moment', async () => {
    const store = new MemoryEpisodeStore();
    const a = setup(undefined, { episodes: store });
    const b = setup(undefined, { episodes: store });
    for (const replica of [a, b]) {
      replica.at(0);
      replica.status(REF, degraded);
      await replica.notifier.check();
      replica.at(10);
    }
    await Promise.all([a.notifier.check(), b.notifier.check()]);
    await Promise.all([a.notifier.check(), b.notifier.check()]);
    expect(a.sent.length + b.sent.length).toBe(1);

    for (const replica of [a, b]) {
      replica.at(15);
      replica.status(REF, healthy);
    }
    await Promise.all([a.notifier.statusChanged(REF), b.notifier.statusChanged(REF)]);
    expect([...a.sent, ...b.sent].map(s => s.payload.title)).toEqual(['payments-prod is Degraded', 'payments-prod is no longer Degraded']);
  });

  it('still tells the owners when the store cannot be read or written, and says what may happen', async () => {
    const store = new MemoryEpisodeStore();
    store.failing = true;
    const t = setup(undefined, { episodes: store });
    t.at(0);
    t.status(REF, degraded);
    await t.notifier.check();
    t.at(10);
    await t.notifier.check();
    expect(t.sent.map(s => s.payload.title)).toEqual(['payments-prod is Degraded']);
    expect(t.logger.warn).toHaveBeenCalledWith(expect.stringContaining('may be notified once more'));
  });

  it('forgets in the store the applications that left the catalog, once the catalog has been read', async () => {
    const store = new MemoryEpisodeStore();
    const gone = 'application:default/deleted-while-down';
    store.kept.set(gone, '{"degraded":{"since":0}}');
    let ready = false;
    const t = setup(undefined, { episodes: store, catalogRead: () => ready });
    t.at(0);
    t.status(REF, degraded);
    await t.notifier.check();
    expect([...store.kept.keys()]).toEqual([gone]);

    ready = true;
    await t.notifier.check();
    t.at(10);
    await t.notifier.check();
    expect([...store.kept.keys()]).toEqual([REF]);
    t.inventory.delete(REF);
    await t.notifier.check();
    expect(store.kept.size).toBe(0);
  });

  it('waits for the first comparison before judging an application', async () => {
    const t = setup();
    t.at(100);
    await t.notifier.check();
    await t.notifier.statusChanged(REF);
    expect(t.sent).toEqual([]);
  });
});

describe('ApplicationNotifier.checkIntervalMs', () => {
  it('checks at a quarter of the shortest threshold, at most every second and at least every minute', () => {
    const interval = (degradedAfterMs: number, outOfSyncAfterMs: number) =>
      new ApplicationNotifier({
        thresholds: { degradedAfterMs, outOfSyncAfterMs },
        sender: { send: async () => {} },
        applications: { get: () => undefined, list: () => [] },
        snapshot: () => undefined,
        logger: mockServices.logger.mock(),
      }).checkIntervalMs;
    expect(interval(10 * MIN, 30 * MIN)).toBe(60_000);
    expect(interval(2 * MIN, 30 * MIN)).toBe(30_000);
    expect(interval(0, 0)).toBe(1_000);
  });
});
