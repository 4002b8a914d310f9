import os from 'node:os';
import crypto from 'node:crypto';
import type {
  AuditorService,
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  SLIPWAY_SIGNAL_CHANNEL,
  SlipwaySignalMessage,
} from '@slipway/plugin-slipway-common';
import type { Source } from '@slipway/plugin-slipway-node';
import type { ApplicationController } from '../engine/app/ApplicationController';
import type { ClusterConnector } from '../engine/app/ClusterConnections';
import { DefaultSlipwayEngine, type DefaultSlipwayEngineOptions } from '../engine/DefaultSlipwayEngine';
import { CatalogInventory } from '../inventory';
import { ApplicationNotifier, NotificationSender, NotificationThresholds, snapshotOf } from '../notifications';
import type { Project } from '../projects';
import type { SlipwayStore } from '../store';
import { CommitDetailsCache } from './CommitDetailsCache';
import { createSlipwayMetrics } from './metrics';
import { OperationRunner } from './OperationRunner';
import { OperationWorker } from './OperationWorker';
import type { ReconcileSettings } from './readReconcileConfig';
import { Reconciler } from './Reconciler';
import type { DiffSettings } from '../engine/app/DiffSettings';
import type { ChildApplicationDirectory } from './ChildApplicationDirectory';

/** What the runtime is assembled from. */
export interface SlipwayRuntimeOptions {
  settings: ReconcileSettings;
  projects: ReadonlyMap<string, Project>;
  store: SlipwayStore;
  controller: Pick<ApplicationController, 'refresh' | 'sync'>;
  /** Children of apps of apps: published after syncs, forgotten with their parent, reloaded each inventory pass. */
  children?: ChildApplicationDirectory;
  /** System-level diffing (`slipway.diff`): the controller's, for the diff of one resource. */
  diff?: DiffSettings;
  clusters: ClusterConnector;
  resolveCluster(destination: { name?: string; server?: string }): { name: string; server: string } | undefined;
  /** Resource actions in Argo CD's Lua format, from the Lua folder. */
  luaActions?: DefaultSlipwayEngineOptions['luaActions'];
  /** Resource actions given in configuration, in Argo CD's Lua format. */
  configuredActions?: DefaultSlipwayEngineOptions['configuredActions'];
  /** Resolves revisions; with `commitDetails`, statuses and the history also name each commit's author and message. */
  source?: Pick<Source, 'resolveRevision'> & Partial<Pick<Source, 'commitDetails'>>;
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  scheduler: SchedulerService;
  signals?: Pick<SignalsService, 'publish'>;
  auditor?: AuditorService;
  /** Notifies owning groups of lasting Degraded/OutOfSync and failed syncs; absent: no notifications. */
  notifications?: { sender: NotificationSender; thresholds: NotificationThresholds };
  logger: LoggerService;
  /** Identifies this replica in operation claims; default host, pid and a random suffix. */
  replicaId?: string;
}

/**
 * The running engine of one replica: the catalog inventory, the reconciler,
 * the operation worker and the engine the REST API calls, with their
 * scheduled tasks. `start` begins work; `stop` ends it without completing
 * running operations (another replica, or this one after a restart, takes
 * them over).
 */
export class SlipwayRuntime {
  readonly inventory: CatalogInventory;
  readonly reconciler: Reconciler;
  readonly worker: OperationWorker;
  readonly engine: DefaultSlipwayEngine;
  readonly notifier?: ApplicationNotifier;
  readonly replicaId: string;
  private readonly abort = new AbortController();

  constructor(private readonly options: SlipwayRuntimeOptions) {
    const { settings, store, logger } = options;
    this.replicaId = options.replicaId ?? `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
    const publish = (message: SlipwaySignalMessage) => {
      options.signals
        ?.publish({ recipients: { type: 'broadcast' }, channel: SLIPWAY_SIGNAL_CHANNEL, message: message as any })
        .catch(error => logger.debug(`could not publish a status signal: ${(error as Error).message}`));
      if (message.sync !== undefined || message.health !== undefined) {
        // a microtask: the reconciler stores the new state right after publishing it
        Promise.resolve()
          .then(() => this.notifier?.statusChanged(message.entityRef))
          .catch(error => logger.warn(`could not evaluate notifications of ${message.entityRef}: ${(error as Error).message}`));
      }
    };
    this.inventory = new CatalogInventory({ catalog: options.catalog, auth: options.auth, logger });
    const metrics = createSlipwayMetrics({
      applications: () =>
        this.inventory.list().map(i => {
          const s = this.reconciler.state(i.entityRef);
          return { sync: s?.sync ?? 'Unknown', health: s?.health ?? 'Unknown' };
        }),
      queueDepth: () => this.reconciler.queueDepth,
      runningOperations: () => this.worker.runningCount,
    });
    const commitDetails = options.source?.commitDetails?.bind(options.source);
    const commits = commitDetails ? new CommitDetailsCache({ source: { commitDetails }, logger }) : undefined;
    this.reconciler = new Reconciler({
      inventory: this.inventory,
      controller: options.controller,
      clusters: options.clusters,
      resolveCluster: options.resolveCluster,
      source: options.source,
      store,
      commits,
      projects: options.projects,
      enqueueAutoSync: async (item, request) => {
        const result = await this.engine.enqueueOperation(item, 'sync', request, 'automated');
        if (result.status === 'created') logger.info(`automated sync of ${item.entityRef} queued as ${result.operation.id}`);
      },
      publish,
      logger,
      metrics,
      concurrency: settings.concurrency,
      refreshIntervalMs: settings.refreshIntervalMs,
      selfHealTimeoutMs: settings.selfHealTimeoutMs,
    });
    if (options.notifications) {
      this.notifier = new ApplicationNotifier({
        ...options.notifications,
        applications: this.inventory,
        snapshot: ref => snapshotOf(this.reconciler.state(ref)),
        episodes: store,
        logger,
      });
    }
    const runner = new OperationRunner({
      inventory: this.inventory,
      controller: options.controller,
      source: options.source,
      store,
      commits,
      projects: options.projects,
      resolveCluster: options.resolveCluster,
      auditor: options.auditor,
      publish,
      logger,
      children: options.children,
    });
    this.worker = new OperationWorker({
      store,
      replicaId: this.replicaId,
      run: (op, signal) => runner.run(op, signal),
      onFinished: (op, result) => {
        metrics.synced(result.durationMs, result.phase, op.initiator === 'automated' ? 'automated' : 'user');
        publish({ entityRef: op.applicationRef, operation: { id: op.id, phase: result.phase, message: result.message } });
        // compares the result with Git as of the operation's start; later pushes refresh on their own
        this.reconciler.enqueue(op.applicationRef, { force: true, listedAfter: Date.now() - result.durationMs });
        this.notifier
          ?.operationFinished(op.applicationRef, { id: op.id, kind: op.kind, initiator: op.initiator, phase: result.phase, message: result.message })
          .catch(error => logger.warn(`could not evaluate notifications of ${op.applicationRef}: ${(error as Error).message}`));
      },
      logger,
      concurrency: settings.operationConcurrency,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
      pollIntervalMs: settings.pollIntervalMs,
    });
    this.engine = new DefaultSlipwayEngine({
      inventory: this.inventory,
      reconciler: this.reconciler,
      worker: this.worker,
      store,
      clusters: options.clusters,
      resolveCluster: options.resolveCluster,
      projects: options.projects,
      luaActions: options.luaActions,
      configuredActions: options.configuredActions,
      auditor: options.auditor,
      diff: options.diff,
      publish,
      logger,
    });
  }

  /** Reads the catalog and applies the changes to the reconciler. */
  async syncInventory(): Promise<void> {
    const changes = await this.inventory.refresh();
    await this.reconciler.applyInventoryChanges(changes);
    const children = this.options.children;
    if (children) {
      for (const ref of changes.removed) await children.forget(ref);
      await children.load();
    }
  }

  /** Schedules the inventory, recovery and retention tasks and starts the worker. */
  async start(): Promise<void> {
    const { scheduler, settings, store, logger } = this.options;
    const signal = this.abort.signal;
    await scheduler.scheduleTask({
      id: 'slipway-inventory',
      scope: 'local',
      frequency: { milliseconds: settings.inventoryIntervalMs },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 0 },
      signal,
      fn: () => this.syncInventory(),
    });
    await scheduler.scheduleTask({
      id: 'slipway-recover-operations',
      scope: 'global',
      frequency: { milliseconds: settings.recoverIntervalMs },
      timeout: { minutes: 1 },
      signal,
      fn: async () => {
        const recovered = await store.recoverStale({ olderThanMs: settings.staleAfterMs });
        if (recovered.requeued.length + recovered.finished.length > 0) {
          logger.info(
            `took over operations of replicas that stopped: queued again ${recovered.requeued.join(', ') || 'none'}, ended ${recovered.finished.join(', ') || 'none'}`,
          );
          this.worker.wake();
        }
      },
    });
    await scheduler.scheduleTask({
      id: 'slipway-prune-operations',
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 5 },
      signal,
      fn: async () => {
        await store.pruneOperations({ finishedMoreThanMsAgo: settings.operationRetentionMs });
      },
    });
    const notifier = this.notifier;
    if (notifier) {
      await scheduler.scheduleTask({
        id: 'slipway-notifications',
        scope: 'local',
        frequency: { milliseconds: notifier.checkIntervalMs },
        timeout: { minutes: 1 },
        signal,
        fn: () => notifier.check(),
      });
    }
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([this.reconciler.stop(), this.worker.stop()]);
  }
}
