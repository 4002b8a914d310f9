import type { LoggerService } from '@backstage/backend-plugin-api';
import { formatResourceKey, type SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import type { Source, SourceCallOptions } from '@slipway/plugin-slipway-node';
import type { Refreshed } from '../engine/app/ApplicationController';
import type { ClusterConnection, ClusterConnector } from '../engine/app/ClusterConnections';
import { trackingNameOf, type EngineApplication } from '../engine/app/types';
import type { InventoryApplication } from '../inventory';
import {
  checkApplication,
  checkResources,
  evaluateSyncWindows,
  Project,
  ProjectViolation,
  ResolvedDestination,
} from '../projects';
import type { ApplicationCondition, OperationRequest, SlipwayStore } from '../store';
import { keptComparison, type ApplicationState, type KeptComparison } from './ApplicationState';
import { decideAutoSync, lastOperationOf, rolloutPolicy } from './autoSync';
import { OrphanMonitor } from './OrphanMonitor';
import { RollingSyncCoordinator } from './RollingSyncCoordinator';
import type { CommitDetailsCache } from './CommitDetailsCache';
import { destinationOf, type ClusterResolver } from './destinationOf';
import { sourcesOf, withSources } from './operationTarget';
import type { SlipwayMetrics } from './metrics';
import { denormalizedFields, statusUpdateOf } from './statusUpdate';
import { WorkOptions, WorkQueue } from './WorkQueue';

/** What {@link Reconciler} needs. */
export interface ReconcilerOptions {
  inventory: { get(entityRef: string): InventoryApplication | undefined; list(): InventoryApplication[] };
  controller: { refresh(app: EngineApplication, options?: { fresh?: boolean }): Promise<Refreshed> };
  clusters: ClusterConnector;
  /** The configured cluster of a destination, with both name and server. */
  resolveCluster: ClusterResolver;
  /** Resolves Git revisions cheaply (a ref listing); absent: every refresh compares. */
  source?: Pick<Source, 'resolveRevision'>;
  store: Pick<SlipwayStore, 'upsertApplicationStatus' | 'deleteApplicationStatus' | 'listOperations'>;
  /** Author, message and date of the compared commit; absent: the status keeps no commit metadata. */
  commits?: Pick<CommitDetailsCache, 'get'>;
  projects: ReadonlyMap<string, Project>;
  /** Queues an automated sync (initiator `automated`). */
  enqueueAutoSync(item: InventoryApplication, request: OperationRequest): Promise<void>;
  publish(message: SlipwaySignalMessage): void;
  logger: LoggerService;
  metrics?: SlipwayMetrics;
  concurrency: number;
  /** Periodic refresh interval; each app gets up to 10% jitter. */
  refreshIntervalMs: number;
  /** Argo CD's self-heal timeout. */
  selfHealTimeoutMs: number;
  now?: () => number;
}

/** How fresh a ref listing a refresh needs: periodic ones take a recent one, forced ones one asked for after their request. */
function gitFreshness(opts: WorkOptions): SourceCallOptions {
  if (!opts.force) return { acceptRecent: true };
  return opts.listedAfter !== undefined ? { listedAfter: opts.listedAfter } : {};
}

/** The application with every Git source pinned to its resolved commit (chart sources unchanged). */
function atCommits(app: EngineApplication, commits: string[]): EngineApplication {
  return withSources(
    app,
    sourcesOf(app).map((s, i) => (s.chart ? s : { ...s, targetRevision: commits[i] })),
  );
}

/**
 * Keeps every application's stored status equal to a comparison of Git and
 * the cluster: a keyed work queue with bounded concurrency, a periodic
 * refresh with jitter, immediate refreshes on request or when the cluster
 * cache sees the application's objects change, cheap refreshes when commit,
 * spec and live objects are unchanged, project checks, and automated sync.
 */
export class Reconciler {
  private readonly queue: WorkQueue;
  private readonly states = new Map<string, ApplicationState>();
  private readonly byAppName = new Map<string, Set<string>>();
  private readonly watched = new Set<string>();
  private readonly unsubscribes: Array<() => void> = [];
  /** Running reconciles that will ask Git and have not asked yet, with their options. */
  private readonly beforeGit = new Map<string, WorkOptions>();
  private readonly now: () => number;
  private readonly rolling: RollingSyncCoordinator;
  private readonly orphans: OrphanMonitor;

  constructor(private readonly options: ReconcilerOptions) {
    this.now = options.now ?? Date.now;
    this.rolling = new RollingSyncCoordinator({ inventory: options.inventory, state: ref => this.states.get(ref) });
    this.orphans = new OrphanMonitor({ isApplication: name => (this.byAppName.get(name)?.size ?? 0) > 0, logger: options.logger });
    this.queue = new WorkQueue({
      concurrency: options.concurrency,
      process: (ref, opts) => this.reconcile(ref, opts),
      onError: (ref, error) => options.logger.error(`reconcile of ${ref} failed: ${(error as Error).message}`),
    });
  }

  get queueDepth(): number {
    return this.queue.depth;
  }

  state(entityRef: string): ApplicationState | undefined {
    return this.states.get(entityRef);
  }

  /** Follows the inventory: new and changed applications are reconciled now, removed ones forgotten. */
  async applyInventoryChanges(changes: { added: InventoryApplication[]; changed: InventoryApplication[]; removed: string[] }) {
    for (const item of [...changes.added, ...changes.changed]) {
      for (const refs of this.byAppName.values()) refs.delete(item.entityRef);
      const refs = this.byAppName.get(trackingNameOf(item.app)) ?? new Set();
      refs.add(item.entityRef);
      this.byAppName.set(trackingNameOf(item.app), refs);
      this.queue.add(item.entityRef, { force: true, listedAfter: this.now() });
    }
    for (const ref of changes.removed) {
      this.queue.remove(ref);
      this.states.delete(ref);
      for (const refs of this.byAppName.values()) refs.delete(ref);
      // stops reconciling; cluster resources stay (only an explicit cascade delete removes them)
      await this.options.store.deleteApplicationStatus(ref);
      this.options.publish({ entityRef: ref });
    }
  }

  /**
   * Queues a refresh; `force` skips the cheap path. A refresh asked for while
   * the running one of the application has yet to ask Git is served by it
   * (a push webhook names the repository by several URLs, each asking).
   */
  enqueue(entityRef: string, options: WorkOptions = {}): void {
    const stamped =
      options.force && !options.recent && options.listedAfter === undefined ? { ...options, listedAfter: this.now() } : options;
    const running = this.beforeGit.get(entityRef);
    if (running && !stamped.recent && !stamped.hard && (running.force || !stamped.force)) {
      // it has yet to ask Git: it asks for a listing after this request too
      if (running.listedAfter !== undefined && stamped.listedAfter !== undefined) {
        running.listedAfter = Math.max(running.listedAfter, stamped.listedAfter);
      }
      return;
    }
    this.queue.add(entityRef, stamped);
  }

  /** Reconciles now and waits (used when the API needs a fresh tree). */
  async refreshNow(entityRef: string): Promise<ApplicationState | undefined> {
    await this.reconcile(entityRef, { force: true });
    return this.states.get(entityRef);
  }

  /**
   * The desired and live objects of an application, compared again at the
   * commits of its last comparison (Git is not asked; the render cache
   * usually holds the render): for the one resource someone opens.
   */
  async objectsOf(entityRef: string): Promise<Pick<Refreshed, 'desired' | 'live'> | undefined> {
    const item = this.options.inventory.get(entityRef);
    if (!item || item.invalid) return undefined;
    const resolved = this.states.get(entityRef)?.resolved;
    const commits = resolved?.specHash === item.specHash ? resolved.commits : undefined;
    return this.options.controller.refresh(commits ? atCommits(item.app, commits) : item.app);
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops reconciling; resolves when the running reconciles have written their status. */
  stop(): Promise<void> {
    this.unsubscribes.forEach(u => u());
    return this.queue.stop();
  }

  private watch(connection: ClusterConnection) {
    if (this.watched.has(connection.name)) return;
    this.watched.add(connection.name);
    this.unsubscribes.push(
      connection.cache.onChange(event => {
        if (!event.appName) return;
        // the cluster changed, not Git: compare with the last commits (Argo CD's CompareWithRecent)
        for (const ref of this.byAppName.get(event.appName) ?? []) this.queue.add(ref, { recent: true });
      }),
    );
  }

  private scheduleNext(ref: string) {
    const interval = this.options.refreshIntervalMs;
    this.queue.addAfter(ref, interval + Math.floor(Math.random() * interval * 0.1));
  }

  /**
   * Periodic refreshes accept a ref listing of the last moments; forced ones
   * a listing asked for after their request arrived. Either way one listing
   * serves every application on the repository refreshed at once.
   */
  private async resolveCommits(app: EngineApplication, opts: WorkOptions): Promise<string[] | undefined> {
    const source = this.options.source;
    if (!source) return undefined;
    const freshness = gitFreshness(opts);
    return Promise.all(
      sourcesOf(app).map(async s =>
        s.chart ? `chart:${s.targetRevision ?? ''}` : (await source.resolveRevision(s.repoURL, s.targetRevision, freshness)).commit,
      ),
    );
  }

  private async writeStatus(item: InventoryApplication, update: Parameters<SlipwayStore['upsertApplicationStatus']>[0]) {
    // the status words are what this needs; the stored tree is not read back
    const stored = await this.options.store.upsertApplicationStatus(update, { fields: ['syncStatus', 'healthStatus'] });
    const state = this.states.get(item.entityRef) ?? { violations: [] };
    const changed = state.sync !== stored.syncStatus || state.health !== stored.healthStatus;
    if (changed) {
      state.sync = stored.syncStatus;
      state.health = stored.healthStatus;
      this.options.publish({ entityRef: item.entityRef, sync: stored.syncStatus, health: stored.healthStatus });
    }
    this.states.set(item.entityRef, state);
    if (changed) {
      // a step of a rollout may have completed, or freed a slot: its waiting members look again
      for (const ref of this.rolling.observed(item, stored.syncStatus, stored.healthStatus)) this.queue.add(ref, { recent: true });
    }
  }

  private async unknown(item: InventoryApplication, conditions: ApplicationCondition[]) {
    await this.writeStatus(item, {
      entityRef: item.entityRef,
      ...denormalizedFields(item),
      syncStatus: 'Unknown',
      healthStatus: 'Unknown',
      healthMessage: null,
      conditions,
      reconciledAt: new Date(this.now()).toISOString(),
    });
  }

  private async reconcile(ref: string, opts: WorkOptions): Promise<void> {
    const item = this.options.inventory.get(ref);
    if (!item) return;
    if (!opts.recent) this.beforeGit.set(ref, opts);
    const started = this.now();
    let outcome: 'full' | 'cheap' | 'error' = 'full';
    try {
      outcome = await this.reconcileItem(item, opts);
    } catch (error) {
      outcome = 'error';
      const message = (error as Error).message;
      this.options.logger.warn(`could not compare ${ref}: ${message}`);
      // keeps the last good resources and health; says why the comparison failed
      await this.writeStatus(item, {
        entityRef: ref,
        ...denormalizedFields(item),
        syncStatus: 'Unknown',
        conditions: [{ type: 'ComparisonError', message }],
        reconciledAt: new Date(this.now()).toISOString(),
      });
    } finally {
      this.beforeGit.delete(ref);
      this.options.metrics?.reconciled(this.now() - started, outcome);
      if (this.options.inventory.get(ref)) this.scheduleNext(ref);
    }
  }

  private async reconcileItem(item: InventoryApplication, opts: WorkOptions): Promise<'full' | 'cheap'> {
    const ref = item.entityRef;
    if (item.skipReconcile) {
      // as in Argo CD the last comparison stays as it was; the condition says why it does not change
      await this.writeStatus(item, { entityRef: ref, ...denormalizedFields(item), conditions: [{ type: 'ReconcileSkipped', message: item.skipReconcile }] });
      return 'cheap';
    }
    if (item.invalid) {
      await this.unknown(item, [{ type: 'InvalidSpecError', message: item.invalid }]);
      return 'full';
    }
    const project = this.options.projects.get(item.project);
    if (!project) {
      await this.unknown(item, [
        {
          type: 'InvalidSpecError',
          message: `Application references project '${item.project}', which does not exist; add it to slipway.projects or fix spec.project`,
        },
      ]);
      return 'full';
    }
    const destination = destinationOf(item, this.options.resolveCluster);
    const appViolations = checkApplication(project, {
      name: ref,
      entityNamespace: item.entityNamespace,
      originLocation: item.originLocation,
      repoURLs: sourcesOf(item.app).map(s => s.repoURL),
      destination,
    });
    if (appViolations.length > 0) {
      this.states.set(ref, { ...(this.states.get(ref) ?? {}), violations: appViolations, refreshed: undefined, key: undefined });
      await this.unknown(item, appViolations);
      return 'full';
    }

    const connection = await this.options.clusters.connect(item.app.spec.destination);
    this.watch(connection);
    const state = this.states.get(ref);
    let commits: string[] | undefined;
    if (opts.recent && state?.resolved?.specHash === item.specHash) {
      commits = state.resolved.commits;
    } else {
      // from here on, a push needs another reconcile to be seen
      this.beforeGit.delete(ref);
      // forced: a push, a user refresh, an operation's end or a new spec, which must see Git as it is now
      commits = await this.resolveCommits(item.app, opts);
    }
    // objects no Application tracks are not in the cluster cache: a change in them is seen here
    const look = await this.orphans.look(connection, project, destination.namespace);
    const orphanKeys = look?.orphans(state?.refreshed?.resources ?? []).map(formatResourceKey);
    const key = commits && JSON.stringify([commits, item.specHash, connection.cache.generation(trackingNameOf(item.app)), orphanKeys]);
    if (!opts.force && key && state?.key === key && state.refreshed) {
      const reconciledAt = new Date(this.now()).toISOString();
      await this.options.store.upsertApplicationStatus({ entityRef: ref, reconciledAt }, { fields: ['syncStatus'] });
      await this.autoSync(item, project, destination, state.refreshed, state.violations);
      return 'cheap';
    }

    // rendered at the commits just resolved, so that the renderer does not ask Git again
    const refreshed = await this.options.controller.refresh(commits ? atCommits(item.app, commits) : item.app, { fresh: opts.hard });
    const violations = checkResources(
      project,
      destination,
      refreshed.resources.filter(r => !r.requiresPruning).map(r => r.key),
    );
    const next: ApplicationState = {
      ...(state ?? { violations: [] }),
      key,
      resolved: commits && { specHash: item.specHash, commits },
      refreshed: keptComparison(refreshed),
      orphaned: look?.orphans(refreshed.resources),
      violations,
    };
    this.states.set(ref, next);
    const decision = await this.autoSync(item, project, destination, refreshed, violations, false);
    const extra: ApplicationCondition[] = [...violations];
    const orphanWarning = next.orphaned && look?.condition(next.orphaned);
    if (orphanWarning) extra.push(orphanWarning);
    if (decision?.action === 'skip' && decision.condition) extra.push(decision.condition);
    const update = statusUpdateOf(item, refreshed, extra, new Date(this.now()).toISOString());
    // cleared when unreadable, so that the status never shows another commit's author and message
    if (this.options.commits) update.commit = (await this.commitOf(refreshed)) ?? null;
    await this.writeStatus(item, update);
    if (decision?.action === 'sync') await this.options.enqueueAutoSync(item, decision.request);
    return 'full';
  }

  /** The metadata of the revision the status shows: the first source's, when it is Git. */
  private async commitOf(refreshed: KeptComparison) {
    const first = refreshed.sources[0];
    if (!first || first.chart || !this.options.commits) return undefined;
    return this.options.commits.get(first.repoURL, first.revision);
  }

  /** Decides automated sync; with `act`, queues it right away. */
  private async autoSync(
    item: InventoryApplication,
    project: Project,
    destination: ResolvedDestination,
    refreshed: KeptComparison,
    violations: ProjectViolation[],
    act = true,
  ) {
    if (refreshed.syncStatus !== 'OutOfSync') return undefined;
    // Argo CD turns automated sync off in a RollingSync rollout: the rollout syncs each step's Applications itself
    const policy = item.rollingSync ? rolloutPolicy(item.app.spec.syncPolicy) : item.app.spec.syncPolicy;
    if (!policy?.automated) return undefined;
    const windows = evaluateSyncWindows(
      project.syncWindows,
      { name: item.app.name, namespace: destination.namespace, cluster: { name: destination.name, server: destination.server } },
      new Date(this.now()),
    );
    let decision = decideAutoSync({
      syncPolicy: policy,
      syncStatus: refreshed.syncStatus,
      revisions: refreshed.sources.map(s => s.revision),
      specHash: item.specHash,
      resources: refreshed.resources,
      lastOperation: await lastOperationOf(this.options.store, item.entityRef),
      windowAllows: windows.automatedAllowed,
      forbidden: violations.length > 0,
      selfHealTimeoutMs: this.options.selfHealTimeoutMs,
      now: this.now(),
    });
    const gate = decision.action === 'sync' ? this.rolling.gate(item) : undefined;
    if (gate && !gate.allowed) {
      decision = { action: 'skip', reason: gate.reason, condition: { type: 'RollingSyncWaiting', message: gate.reason } };
    } else if (gate) {
      this.rolling.started(item.entityRef);
    }
    if (decision.action === 'skip') {
      this.options.logger.debug(`automated sync of ${item.entityRef} skipped: ${decision.reason}`);
      if (decision.retryAfterMs !== undefined) this.queue.addAfter(item.entityRef, decision.retryAfterMs);
    } else if (act) {
      await this.options.enqueueAutoSync(item, decision.request);
    }
    return decision;
  }
}
