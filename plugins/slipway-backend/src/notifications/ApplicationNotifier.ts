import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { InventoryApplication } from '../inventory';
import {
  ApplicationSnapshot,
  FinishedOperation,
  notificationPayload,
} from './notificationContent';
import {
  EpisodeState,
  NotificationKind,
  NotificationPolicy,
  NotificationThresholds,
  PolicyDecision,
} from './NotificationPolicy';

/** Where notifications go: Backstage's notification service, or a fake in tests. */
export type NotificationSender = Pick<NotificationService, 'send'>;

/** What {@link ApplicationNotifier} needs. */
export interface ApplicationNotifierOptions {
  thresholds: NotificationThresholds;
  sender: NotificationSender;
  applications: { get(entityRef: string): InventoryApplication | undefined; list(): InventoryApplication[] };
  /** The last comparison of an application; undefined before the first. */
  snapshot(entityRef: string): ApplicationSnapshot | undefined;
  logger: LoggerService;
  now?: () => number;
}

const WHAT: Record<NotificationKind, string> = {
  degraded: 'it is Degraded',
  outOfSync: 'it is OutOfSync',
  syncFailed: 'its sync failed',
};

/**
 * Tells an application's owning group when it stays Degraded or OutOfSync
 * too long or a sync fails, once per episode ({@link NotificationPolicy}).
 * The owner is the application's `slipway.io/owner` (inherited from its
 * Component by the catalog module), else its Component, whose owner the
 * notifications backend resolves. Episodes live in memory: after a restart
 * an ongoing problem is reported once more, replacing the earlier
 * notification through its scope.
 */
export class ApplicationNotifier {
  private readonly policy: NotificationPolicy;
  private readonly episodes = new Map<string, EpisodeState>();
  private readonly now: () => number;

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
    const item = this.options.applications.get(entityRef);
    if (!item) {
      this.episodes.delete(entityRef);
      return;
    }
    await this.evaluate(item);
  }

  /** Evaluates every application: a state that lasts long enough notifies without a change. */
  async check(): Promise<void> {
    const items = this.options.applications.list();
    const current = new Set(items.map(i => i.entityRef));
    for (const ref of this.episodes.keys()) {
      if (!current.has(ref)) this.episodes.delete(ref);
    }
    for (const item of items) await this.evaluate(item);
  }

  /** Records a finished sync or rollback; a failure notifies at once. */
  async operationFinished(entityRef: string, operation: FinishedOperation): Promise<void> {
    const item = this.options.applications.get(entityRef);
    if (!item) return;
    const now = this.now();
    const decision = this.policy.onOperationFinished(this.episodes.get(entityRef) ?? {}, operation.phase, now);
    await this.apply(item, decision, now, { operation });
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
    this.episodes.set(item.entityRef, decision.state);
    for (const { kind, since } of decision.notify) {
      await this.send(item, kind, notificationPayload(kind, item, { since, now, ...facts }));
    }
  }

  private async send(item: InventoryApplication, kind: NotificationKind, payload: ReturnType<typeof notificationPayload>) {
    const { logger } = this.options;
    const recipient = this.recipientOf(item);
    if (!recipient) {
      logger.info(
        `nobody was notified that ${item.entityRef} ${WHAT[kind]}: it has no owner; set slipway.io/owner on the Application or its ApplicationSet, or an owner on its Component`,
      );
      return;
    }
    try {
      await this.options.sender.send({ recipients: { type: 'entity', entityRef: recipient }, payload });
      logger.info(`notified ${recipient} that ${item.entityRef} ${WHAT[kind]}`);
    } catch (error) {
      logger.warn(
        `could not notify ${recipient} that ${item.entityRef} ${WHAT[kind]}: ${(error as Error).message}; check that the notifications backend plugin is installed and reachable`,
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
