import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  ApplicationStatus,
  ApplicationStatusField,
  ApplicationStatusPage,
  ApplicationStatusUpdate,
  ListApplicationStatusesOptions,
} from './ApplicationStatusStore';
import { DatabaseApplicationStatusStore } from './DatabaseApplicationStatusStore';
import { DatabaseHistoryStore } from './DatabaseHistoryStore';
import { DatabaseNotificationEpisodeStore } from './DatabaseNotificationEpisodeStore';
import { DatabaseChildApplicationStore } from './DatabaseChildApplicationStore';
import type { ChildApplication } from './ChildApplicationStore';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { DatabaseOperationEventStore } from './DatabaseOperationEventStore';
import { DatabaseOperationStore } from './DatabaseOperationStore';
import { DatabaseOperationRetention } from './DatabaseOperationRetention';
import type { HistoryEntry, HistoryEntryInput } from './HistoryStore';
import type {
  EnqueueOperationInput,
  EnqueueResult,
  FinalOperationState,
  HeartbeatResult,
  Operation,
  OperationEventInput,
  OperationEventPage,
  OperationPage,
  PruneOperationsOptions,
  RecoverStaleOptions,
  RecoverStaleResult,
} from './OperationStore';
import type { SlipwayStore } from './SlipwayStore';
import { cacheSqliteStatements } from './SqliteStatementCache';

/** Options of {@link DatabaseSlipwayStore.create}. */
export interface DatabaseSlipwayStoreOptions {
  database: DatabaseService;
  /** Skip running migrations (also skipped when the database service says so). */
  skipMigrations?: boolean;
  /** Deployments kept per application when the caller gives no limit; default 10. */
  historyLimit?: number;
  /** The clock; tests pass a controllable one. */
  now?: () => Date;
}

/** Slipway's store on the plugin's database: SQLite embedded, PostgreSQL in production. */
export class DatabaseSlipwayStore implements SlipwayStore {
  static async create(
    options: DatabaseSlipwayStoreOptions,
  ): Promise<DatabaseSlipwayStore> {
    const client = await options.database.getClient();
    cacheSqliteStatements(client);
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@slipway/plugin-slipway-backend',
          'migrations',
        ),
      });
    }
    return new DatabaseSlipwayStore(client, options);
  }

  private readonly statuses: DatabaseApplicationStatusStore;
  private readonly operations: DatabaseOperationStore;
  private readonly events: DatabaseOperationEventStore;
  private readonly retention: DatabaseOperationRetention;
  private readonly history: DatabaseHistoryStore;
  private readonly episodes: DatabaseNotificationEpisodeStore;
  private readonly children: DatabaseChildApplicationStore;

  private constructor(
    db: Knex,
    options: Pick<DatabaseSlipwayStoreOptions, 'historyLimit' | 'now'>,
  ) {
    const now = options.now ?? (() => new Date());
    this.statuses = new DatabaseApplicationStatusStore(db, now);
    this.operations = new DatabaseOperationStore(db, now);
    this.events = new DatabaseOperationEventStore(db, now);
    this.retention = new DatabaseOperationRetention(db, now);
    this.history = new DatabaseHistoryStore(
      db,
      now,
      options.historyLimit ?? 10,
    );
    this.episodes = new DatabaseNotificationEpisodeStore(db, now);
    this.children = new DatabaseChildApplicationStore(db, now);
  }

  // Application status

  upsertApplicationStatus(
    update: ApplicationStatusUpdate,
  ): Promise<ApplicationStatus>;
  upsertApplicationStatus<F extends ApplicationStatusField>(
    update: ApplicationStatusUpdate,
    options: { fields: F[] },
  ): Promise<Pick<ApplicationStatus, F | 'entityRef'>>;
  upsertApplicationStatus(
    update: ApplicationStatusUpdate,
    options?: { fields: ApplicationStatusField[] },
  ): Promise<Partial<ApplicationStatus>> {
    return this.statuses.upsertApplicationStatus(update, {
      fields: options?.fields ?? [],
    });
  }

  getApplicationStatus(
    entityRef: string,
  ): Promise<ApplicationStatus | undefined> {
    return this.statuses.getApplicationStatus(entityRef);
  }

  listApplicationStatuses(
    options?: ListApplicationStatusesOptions,
  ): Promise<ApplicationStatusPage> {
    return this.statuses.listApplicationStatuses(options);
  }

  deleteApplicationStatus(entityRef: string): Promise<boolean> {
    return this.statuses.deleteApplicationStatus(entityRef);
  }

  // Operations

  enqueue(input: EnqueueOperationInput): Promise<EnqueueResult> {
    return this.operations.enqueue(input);
  }

  claimNext(replicaId: string, options?: { fromLastLook?: boolean }): Promise<Operation | undefined> {
    return this.operations.claimNext(replicaId, options);
  }

  heartbeat(id: string, replicaId: string): Promise<HeartbeatResult> {
    return this.operations.heartbeat(id, replicaId);
  }

  complete(
    id: string,
    phase: FinalOperationState,
    message: string,
    options?: { replicaId?: string; result?: unknown },
  ): Promise<boolean> {
    return this.operations.complete(id, phase, message, options);
  }

  requestTermination(id: string): Promise<Operation | undefined> {
    return this.operations.requestTermination(id);
  }

  recoverStale(options: RecoverStaleOptions): Promise<RecoverStaleResult> {
    return this.operations.recoverStale(options);
  }

  getOperation(id: string): Promise<Operation | undefined> {
    return this.operations.getOperation(id);
  }

  getActiveOperation(applicationRef: string): Promise<Operation | undefined> {
    return this.operations.getActiveOperation(applicationRef);
  }

  latestOperations(applicationRefs: string[]): Promise<Map<string, Operation>> {
    return this.operations.latestOperations(applicationRefs);
  }

  listOperations(
    applicationRef: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<OperationPage> {
    return this.operations.listOperations(applicationRef, options);
  }

  appendEvents(
    operationId: string,
    events: OperationEventInput[],
  ): Promise<void> {
    return this.events.appendEvents(operationId, events);
  }

  listEvents(
    operationId: string,
    options?: { after?: number; limit?: number },
  ): Promise<OperationEventPage> {
    return this.events.listEvents(operationId, options);
  }

  pruneOperations(options: PruneOperationsOptions): Promise<number> {
    return this.retention.pruneOperations(options);
  }

  // History

  addHistory(
    entry: HistoryEntryInput,
    options?: { limit?: number },
  ): Promise<HistoryEntry> {
    return this.history.addHistory(entry, options);
  }

  listHistory(applicationRef: string): Promise<HistoryEntry[]> {
    return this.history.listHistory(applicationRef);
  }

  getHistory(
    applicationRef: string,
    id: number,
  ): Promise<HistoryEntry | undefined> {
    return this.history.getHistory(applicationRef, id);
  }

  // Notification episodes

  listNotificationEpisodes(): Promise<Map<string, string>> {
    return this.episodes.listNotificationEpisodes();
  }

  getNotificationEpisodes(entityRef: string): Promise<string | undefined> {
    return this.episodes.getNotificationEpisodes(entityRef);
  }

  replaceNotificationEpisodes(
    entityRef: string,
    expected: string | undefined,
    next: string | undefined,
  ): Promise<boolean> {
    return this.episodes.replaceNotificationEpisodes(entityRef, expected, next);
  }

  forgetNotificationEpisodes(entityRef: string): Promise<void> {
    return this.episodes.forgetNotificationEpisodes(entityRef);
  }

  // Child Applications of apps of apps

  listChildApplications(): Promise<ChildApplication[]> {
    return this.children.listChildApplications();
  }

  replaceChildApplications(parentRef: string, manifests: KubeObject[]): Promise<void> {
    return this.children.replaceChildApplications(parentRef, manifests);
  }
}
