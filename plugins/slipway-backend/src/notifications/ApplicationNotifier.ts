import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { InventoryApplication } from '../inventory';
import type { NotificationEpisodeStore } from '../store/NotificationEpisodeStore';
import {
  ApplicationSnapshot,
  FinishedOperation,
  notificationPayload,
  recoveryPayload,
} from './notificationContent';
import {
  EpisodeState,
  NotificationKind,
  NotificationPolicy,
  NotificationThresholds,
  PolicyDecision,
} from './NotificationPolicy';
import { adoptNotifiedEpisodes, notifiedEpisodesText, parseNotifiedEpisodes } from './notifiedEpisodes';

/** Where notifications go: Backstage's notification service, or a fake in tests. */
export type NotificationSender = Pick<NotificationService, 'send'>;

/** What {@link ApplicationNotifier} needs. */
export interface ApplicationNotifierOptions {
  thresholds: NotificationThresholds;
  sender: NotificationSender;
  applications: {
    get(entityRef: string): InventoryApplication | undefined;
    list(): InventoryApplication[];
    /** False while the catalog is still being read: nothing missing from the list is forgotten then. */
    readonly ready?: boolean;
  };
  /** The last comparison of an application; undefined before the first. */
  snapshot(entityRef: string): ApplicationSnapshot | undefined;
  logger: LoggerService;
  /** Where told episodes are kept across restarts and replicas; without it they live in memory. */
  episodes?: NotificationEpisodeStore;
  now?: () => number;
}

const WHAT: Record<NotificationKind, string> = {
  degraded: 'it is Degraded',
  outOfSync: 'it is OutOfSync',
  syncFailed: 'its sync failed',
};

const RECOVERED: Record<NotificationKind, string> = {
  degraded: 'it is no longer Degraded',
  outOfSync: 'it is Synced again',
  syncFailed: 'it synced after a failed sync',
};

/**
 * Tells an application's owning group when it stays Degraded or OutOfSync
 * too long or a sync fails, once per episode ({@link NotificationPolicy}),
 * and when such a told problem ends. The owner is the application's
 * `slipway.io/owner` (inherited from its Component by the catalog module),
 * else its Component, whose owner the notifications backend resolves.
 *
 * Told episodes are kept in the store, written compare-and-set before
 * anything is sent: after a restart an ongoing problem is not told again,
 * and of replicas that decide to tell the same episode only one does.
 * Episodes not yet told stay in memory (a restart starts their clock anew).
 */
export class ApplicationNotifier {
  private readonly policy: NotificationPolicy;
  private readonly episodes = new Map<string, EpisodeState>();
  private readonly now: () => number;
  private loaded?: Promise<void>;

  constructor(private readonly options: ApplicationNotifierOptions) {
    this.policy = new NotificationPolicy(options.thresholds);
    this.now = options.now ?? Date.now;
  }

  /** How often {@link check} should run: a quarter of the shortest threshold, between 1 s and 1 min. */
  get checkIntervalMs(): number {
    const { degradedAfterMs, outOfSyncAfterMs } = this.options.thresholds;
    return Math.min(60_000, Math.max(1_000, Math.min(degradedAfterMs, outOfSyncAfterMs) / 4));
  }

  /** Evaluates one application after its sync or health changed. */
  async statusChanged(entityRef: string): Promise<void> {
    await this.load();
    const item = this.options.applications.get(entityRef);
    if (!item) {
      this.episodes.delete(entityRef);
      return;
    }
    await this.evaluate(item);
  }

  /** Evaluates every application: a state that lasts long enough notifies without a change. */
  async check(): Promise<void> {
    await this.load();
    const { applications } = this.options;
    const items = applications.list();
    if (applications.ready !== false) {
      const current = new Set(items.map(i => i.entityRef));
      for (const ref of this.episodes.keys()) {
        if (current.has(ref)) continue;
        this.episodes.delete(ref);
        await this.forget(ref);
      }
    }
    for (const item of items) await this.evaluate(item);
  }

  /** Records a finished sync or rollback; a failure notifies at once. */
  async operationFinished(entityRef: string, operation: FinishedOperation): Promise<void> {
    await this.load();
    const item = this.options.applications.get(entityRef);
    if (!item) return;
    const now = this.now();
    const decision = this.policy.onOperationFinished(this.episodes.get(entityRef) ?? {}, operation.phase, now);
    await this.apply(item, decision, now, { operation });
  }

  /** The told episodes kept by the store, read once (again after a failed read). */
  private load(): Promise<void> {
    const store = this.options.episodes;
    if (!store) return Promise.resolve();
    this.loaded ??= store.listNotificationEpisodes().then(
      kept => {
        for (const [ref, text] of kept) {
          this.episodes.set(ref, adoptNotifiedEpisodes(this.episodes.get(ref) ?? {}, parseNotifiedEpisodes(text)));
        }
      },
      error => {
        this.loaded = undefined;
        this.options.logger.warn(
          `could not read which problems were already notified (${(error as Error).message}); an ongoing problem may be notified once more; check the plugin's database`,
        );
      },
    );
    return this.loaded;
  }

  private async forget(entityRef: string) {
    await this.options.episodes?.forgetNotificationEpisodes(entityRef).catch(error => {
      this.options.logger.warn(`could not forget the notified problems of ${entityRef}, which left the catalog: ${(error as Error).message}`);
    });
  }

  private async evaluate(item: InventoryApplication): Promise<void> {
    const snapshot = this.options.snapshot(item.entityRef);
    if (!snapshot) return;
    const now = this.now();
    const decision = this.policy.onStatus(this.episodes.get(item.entityRef) ?? {}, snapshot, now);
    await this.apply(item, decision, now, { snapshot });
  }

  private async apply(
    item: InventoryApplication,
    decision: PolicyDecision,
    now: number,
    facts: { snapshot?: ApplicationSnapshot; operation?: FinishedOperation },
  ): Promise<void> {
    const previous = this.episodes.get(item.entityRef) ?? {};
    if (!(await this.keep(item.entityRef, previous, decision.state))) return;
    this.episodes.set(item.entityRef, decision.state);
    for (const { kind, since } of decision.notify) {
      await this.send(item, WHAT[kind], notificationPayload(kind, item, { since, now, ...facts }));
    }
    for (const { kind, since } of decision.recovered) {
      await this.send(item, RECOVERED[kind], recoveryPayload(kind, item, { since, now, ...facts }));
    }
  }

  /**
   * Writes the told episodes when they change. False when another replica
   * (or another evaluation here) changed them first: its view is adopted and
   * nothing is sent; the next evaluation decides again from it.
   */
  private async keep(entityRef: string, previous: EpisodeState, next: EpisodeState): Promise<boolean> {
    const store = this.options.episodes;
    const before = notifiedEpisodesText(previous);
    const after = notifiedEpisodesText(next);
    if (!store || before === after) return true;
    try {
      if (await store.replaceNotificationEpisodes(entityRef, before, after)) return true;
      const stored = parseNotifiedEpisodes(await store.getNotificationEpisodes(entityRef));
      this.episodes.set(entityRef, adoptNotifiedEpisodes(previous, stored));
      return false;
    } catch (error) {
      // telling owners matters more than not telling them twice
      this.options.logger.warn(
        `could not record the notified problems of ${entityRef} (${(error as Error).message}); after a restart they may be notified once more`,
      );
      return true;
    }
  }

  private async send(item: InventoryApplication, what: string, payload: ReturnType<typeof notificationPayload>) {
    const { logger } = this.options;
    const recipient = this.recipientOf(item);
    if (!recipient) {
      logger.info(
        `nobody was notified that ${item.entityRef} ${what}: it has no owner; set slipway.io/owner on the Application or its ApplicationSet, or an owner on its Component`,
      );
      return;
    }
    try {
      await this.options.sender.send({ recipients: { type: 'entity', entityRef: recipient }, payload });
      logger.info(`notified ${recipient} that ${item.entityRef} ${what}`);
    } catch (error) {
      logger.warn(
        `could not notify ${recipient} that ${item.entityRef} ${what}: ${(error as Error).message}; check that the notifications backend plugin is installed and reachable`,
      );
    }
  }

  /** The owning group's entity ref, else the Component's (the notifications backend resolves its owner). */
  private recipientOf(item: InventoryApplication): string | undefined {
    const defaults = (defaultKind: string) => ({ defaultKind, defaultNamespace: item.entityNamespace });
    try {
      if (item.owner) return stringifyEntityRef(parseEntityRef(item.owner, defaults('group')));
      if (item.componentRef) return stringifyEntityRef(parseEntityRef(item.componentRef, defaults('component')));
    } catch (error) {
      this.options.logger.warn(
        `nobody was notified about ${item.entityRef}: its owner is not an entity reference (${(error as Error).message}); set slipway.io/owner to a group such as group:default/payments-team`,
      );
    }
    return undefined;
  }
}
