import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  formatResourceKey,
  KubeObject,
  OperationSummary,
  ResourceActionsResponse,
  ResourceDetailResponse,
  ResourceKey,
  ResourceTreeResponse,
  resourceKeyOf,
  SlipwayResourceNode,
  SlipwaySignalMessage,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';
import { manifestGeneratePaths, manifestGeneratePathsChanged, maskSecrets, planDeletion } from '@slipway/plugin-slipway-node';
import type { InventoryApplication } from '../inventory';
import { checkApplication, evaluateSyncWindows, Project } from '../projects';
import type { Reconciler } from '../reconciler/Reconciler';
import { destinationOf } from '../reconciler/destinationOf';
import type { OperationWorker } from '../reconciler/OperationWorker';
import { sourcesOf } from '../reconciler/operationTarget';
import type { Operation, OperationKind, OperationRequest, SlipwayStore } from '../store';
import type { ApplicationDescription, OperationRequestResult, SlipwayEngine } from '../service/SlipwayEngine';
import type { ClusterConnector } from './app/ClusterConnections';
import { resourceDiffText } from './app/compareApplication';
import { serverSideDryRun } from './app/serverSideDryRun';
import { diffInputOf, type DiffSettings } from './app/DiffSettings';
import { trackingNameOf } from './app/types';
import { ResourceActions, type ResourceActionsOptions } from './ResourceActions';
import { deleteInWaves } from './deleteInWaves';

/** What {@link DefaultSlipwayEngine} needs. */
export interface DefaultSlipwayEngineOptions {
  inventory: { get(entityRef: string): InventoryApplication | undefined; list(): InventoryApplication[] };
  reconciler: Pick<Reconciler, 'enqueue' | 'state' | 'refreshNow' | 'objectsOf'>;
  worker: Pick<OperationWorker, 'wake' | 'terminateLocal'>;
  store: Pick<SlipwayStore, 'enqueue' | 'getHistory' | 'requestTermination'>;
  clusters: ClusterConnector;
  resolveCluster(destination: { name?: string; server?: string }): { name: string; server: string } | undefined;
  projects: ReadonlyMap<string, Project>;
  /** Resource actions in Argo CD's Lua format, from the Lua folder. */
  luaActions?: ResourceActionsOptions['luaActions'];
  configuredActions?: ResourceActionsOptions['configuredActions'];
  auditor?: AuditorService;
  /** System-level diffing (`slipway.diff`), for the diff of one resource. */
  diff?: DiffSettings;
  publish(message: SlipwaySignalMessage): void;
  logger: LoggerService;
  now?: () => Date;
}

/** An operation as the API shows it. */
export function operationSummary(op: Operation): OperationSummary {
  return {
    id: op.id,
    entityRef: op.applicationRef,
    kind: op.kind,
    phase: op.phase,
    ...(op.message ? { message: op.message } : {}),
    initiator: op.initiator,
    request: op.request,
    createdAt: op.createdAt,
    ...(op.startedAt ? { startedAt: op.startedAt } : {}),
    ...(op.finishedAt ? { finishedAt: op.finishedAt } : {}),
  };
}

/**
 * A repository URL as pushes and Applications are matched: `host/path` in
 * lower case, without scheme, user, port, `.git` or trailing slash, so that
 * the https, ssh (`ssh://git@host/…`) and scp (`git@host:…`) forms of one
 * repository are equal.
 */
export function normalizePushURL(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '').replace(/\.git$/i, '');
  let host: string;
  let repoPath: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(trimmed); // git@host:org/repo
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    [, host, repoPath] = scp;
  } else {
    try {
      const u = new URL(trimmed);
      host = u.hostname;
      repoPath = u.pathname;
    } catch {
      return trimmed.toLowerCase();
    }
  }
  return `${host}/${repoPath.replace(/^\/+|\/+$/g, '')}`.toLowerCase();
}

/**
 * The engine behind the REST API: queues refreshes and operations (after
 * project and sync window checks), reads live state for trees and
 * resources, and deletes an application's resources on an explicit cascade
 * delete.
 */
export class DefaultSlipwayEngine implements SlipwayEngine {
  private readonly actions: ResourceActions;

  constructor(private readonly options: DefaultSlipwayEngineOptions) {
    this.actions = new ResourceActions(options);
  }

  private item(entityRef: string): InventoryApplication {
    const item = this.options.inventory.get(entityRef);
    if (!item) throw new NotFoundError(`${entityRef} is not an Application that Slipway reconciles`);
    return item;
  }

  describe(entityRef: string): ApplicationDescription | undefined {
    const item = this.options.inventory.get(entityRef);
    if (!item) return undefined;
    const automated = item.app.spec.syncPolicy?.automated;
    const project = this.options.projects.get(item.project);
    let syncWindow: ApplicationDescription['syncWindow'];
    if (project && !item.invalid) {
      const destination = destinationOf(item, this.options.resolveCluster);
      const windows = evaluateSyncWindows(
        project.syncWindows,
        { name: item.app.name, namespace: destination.namespace, cluster: { name: destination.name, server: destination.server } },
        this.options.now?.() ?? new Date(),
      );
      syncWindow = {
        allowed: windows.automatedAllowed,
        manualAllowed: windows.manualAllowed,
        ...(windows.reason ? { reason: windows.reason } : {}),
      };
    }
    const repoURL = sourcesOf(item.app)[0]?.repoURL;
    return {
      name: item.app.name,
      ...(repoURL ? { repoURL } : {}),
      syncPolicy: { automated: Boolean(automated), prune: Boolean(automated?.prune), selfHeal: Boolean(automated?.selfHeal) },
      ...(syncWindow ? { syncWindow } : {}),
    };
  }

  async refresh(entityRef: string, options: { hard: boolean }): Promise<void> {
    this.item(entityRef);
    this.options.reconciler.enqueue(entityRef, { force: true, ...(options.hard ? { hard: true } : {}) });
    this.options.logger.debug(`${options.hard ? 'hard ' : ''}refresh of ${entityRef} queued`);
  }

  /** Queues an operation; also used by automated sync. */
  async enqueueOperation(
    item: InventoryApplication,
    kind: OperationKind,
    request: OperationRequest,
    initiator: string,
  ): Promise<OperationRequestResult> {
    const manual = initiator !== 'automated';
    const project = this.options.projects.get(item.project);
    if (item.skipReconcile) return { status: 'refused', reason: item.skipReconcile };
    if (item.invalid) return { status: 'refused', reason: item.invalid };
    if (!project) return { status: 'refused', reason: `project '${item.project}' does not exist; add it to slipway.projects` };
    const destination = destinationOf(item, this.options.resolveCluster);
    const violations = checkApplication(project, {
      name: item.entityRef,
      entityNamespace: item.entityNamespace,
      originLocation: item.originLocation,
      repoURLs: sourcesOf(item.app).map(s => s.repoURL),
      destination,
    });
    if (violations.length > 0) return { status: 'refused', reason: violations.map(v => v.message).join('; ') };
    const windows = evaluateSyncWindows(
      project.syncWindows,
      { name: item.app.name, namespace: destination.namespace, cluster: { name: destination.name, server: destination.server } },
      this.options.now?.() ?? new Date(),
    );
    if (manual ? !windows.manualAllowed : !windows.automatedAllowed) {
      return { status: 'refused', reason: windows.reason ?? 'a sync window blocks syncs now' };
    }
    const result = await this.options.store.enqueue({ applicationRef: item.entityRef, kind, request, initiator });
    if (result.status === 'conflict') {
      return { status: 'conflict', activeOperation: operationSummary(result.activeOperation) };
    }
    this.options.worker.wake();
    this.options.publish({
      entityRef: item.entityRef,
      operation: { id: result.operation.id, phase: result.operation.phase },
    });
    return { status: 'created', operation: operationSummary(result.operation) };
  }

  async sync(entityRef: string, request: SyncRequestBody, initiator: string): Promise<OperationRequestResult> {
    const item = this.item(entityRef);
    return this.enqueueOperation(
      item,
      'sync',
      {
        ...(request.revision ? { revision: request.revision } : {}),
        prune: Boolean(request.prune),
        dryRun: Boolean(request.dryRun),
        force: Boolean(request.force),
        ...(request.confirmPrune ? { confirmPrune: true } : {}),
        ...(request.resources?.length
          ? { resources: request.resources.map(r => ({ group: r.group ?? '', kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) })) }
          : {}),
      },
      initiator,
    );
  }

  async rollback(
    entityRef: string,
    historyId: number,
    options: { prune?: boolean; dryRun?: boolean },
    initiator: string,
  ): Promise<OperationRequestResult> {
    const item = this.item(entityRef);
    const entry = await this.options.store.getHistory(entityRef, historyId);
    if (!entry) throw new NotFoundError(`${entityRef} has no history entry ${historyId}`);
    if (item.app.spec.syncPolicy?.automated) {
      // as in Argo CD: automated sync would undo the rollback at once
      return {
        status: 'refused',
        reason: `rollback of ${entityRef} is not possible while automated sync is enabled; remove syncPolicy.automated first`,
      };
    }
    return this.enqueueOperation(
      item,
      'rollback',
      { historyId, revision: entry.revision, prune: Boolean(options.prune), dryRun: Boolean(options.dryRun) },
      initiator,
    );
  }

  async terminate(operationId: string, initiator: string): Promise<OperationSummary | undefined> {
    const op = await this.options.store.requestTermination(operationId);
    if (!op) return undefined;
    this.options.worker.terminateLocal(operationId);
    this.options.logger.info(`termination of operation ${operationId} asked by ${initiator}`);
    this.options.publish({ entityRef: op.applicationRef, operation: { id: op.id, phase: op.phase } });
    return operationSummary(op);
  }

  async deleteResources(
    entityRef: string,
    initiator: string,
    options: { confirmed?: boolean } = {},
  ): Promise<{ deleted: ResourceKey[]; kept: Array<{ resource: ResourceKey; reason: string }> }> {
    const item = this.item(entityRef);
    if (item.skipReconcile) throw new ConflictError(`${item.skipReconcile}; nothing was deleted`);
    const connection = await this.options.clusters.connect(item.app.spec.destination);
    const instance = trackingNameOf(item.app);
    const plan = planDeletion(instance, connection.cache.managedObjects(instance), {
      syncOptions: item.app.spec.syncPolicy?.syncOptions,
      confirmed: options.confirmed === true,
    });
    const audit = await this.options.auditor?.createEvent({
      eventId: 'application-delete-resources',
      severityLevel: 'high',
      meta: { entityRef, initiator, resources: plan.delete.map(d => formatResourceKey(d.key)) },
    });
    const deleted: ResourceKey[] = [];
    try {
      await deleteInWaves(connection.client, plan.delete, deleted);
    } catch (error) {
      await audit?.fail({ error: error as Error, meta: { deleted: deleted.map(formatResourceKey) } });
      throw error;
    }
    await audit?.success({ meta: { deleted: deleted.map(formatResourceKey) } });
    this.options.reconciler.enqueue(entityRef, { force: true });
    return { deleted, kept: plan.retain.map(r => ({ resource: r.key, reason: r.reason })) };
  }

  private async stateOf(entityRef: string) {
    this.item(entityRef);
    const state = this.options.reconciler.state(entityRef);
    return state?.refreshed ? state : this.options.reconciler.refreshNow(entityRef);
  }

  async resourceTree(entityRef: string): Promise<ResourceTreeResponse | undefined> {
    if (!this.options.inventory.get(entityRef)) return undefined;
    const state = await this.stateOf(entityRef);
    const refreshed = state?.refreshed;
    if (!refreshed) return { nodes: [] };
    const nodes = new Map<string, SlipwayResourceNode>();
    for (const r of refreshed.resources) {
      nodes.set(formatResourceKey(r.key), {
        ...r.key,
        apiVersion: r.apiVersion,
        parents: [],
        managed: true,
        syncStatus: r.status,
        ...(r.health ? { health: r.health } : {}),
        requiresPruning: r.requiresPruning,
      });
    }
    for (const n of refreshed.tree) {
      const id = formatResourceKey(n.key);
      const existing = nodes.get(id);
      if (existing) {
        if (n.uid) existing.uid = n.uid;
        continue;
      }
      nodes.set(id, { ...n.key, apiVersion: n.apiVersion, ...(n.uid ? { uid: n.uid } : {}), parents: n.parents, managed: n.managed, ...(n.health ? { health: n.health } : {}) });
    }
    for (const o of state.orphaned ?? []) {
      const id = formatResourceKey(o);
      if (nodes.has(id)) continue;
      const { apiVersion, uid, parents, ...key } = o;
      nodes.set(id, { ...key, apiVersion, ...(uid ? { uid } : {}), parents, managed: false, orphaned: true });
    }
    return { nodes: [...nodes.values()] };
  }

  async resource(entityRef: string, key: ResourceKey): Promise<ResourceDetailResponse | undefined> {
    if (!this.options.inventory.get(entityRef)) return undefined;
    const item = this.item(entityRef);
    const state = await this.stateOf(entityRef);
    const refreshed = state?.refreshed;
    // a render or cluster failure leaves the live object from the cache; the status already names the failure
    const objects = await this.options.reconciler.objectsOf(entityRef).catch(error => {
      this.options.logger.warn(`could not compare ${entityRef} for its resource ${formatResourceKey(key)}: ${error}`);
      return undefined;
    });
    const id = formatResourceKey({ ...key, namespace: key.namespace ?? '' });
    const find = (list: KubeObject[] = []) => list.find(o => formatResourceKey(resourceKeyOf(o)) === id);
    const connection = await this.options.clusters.connect(item.app.spec.destination);
    // orphaned resources are not in the cluster cache, which watches tracked objects only
    const orphan = state?.orphaned?.find(o => formatResourceKey(o) === id);
    const live =
      find(objects?.live) ??
      connection.cache.get({ ...key, namespace: key.namespace ?? '' }) ??
      (orphan && (await connection.client.get({ apiVersion: orphan.apiVersion, kind: orphan.kind, name: orphan.name, namespace: orphan.namespace })));
    const desired = find(objects?.desired);
    const status = refreshed?.resources.find(r => formatResourceKey(r.key) === id);
    const inTree = refreshed?.tree.some(n => formatResourceKey(n.key) === id);
    if (!live && !desired && !status && !inTree) return undefined;
    const [maskedLive, maskedDesired] = maskSecrets([live ?? null, desired ?? null]);
    return {
      key,
      ...(maskedLive ? { live: maskedLive } : {}),
      ...(maskedDesired ? { desired: maskedDesired } : {}),
      diff: status
        ? await resourceDiffText({ desired, live, predictLive: serverSideDryRun(connection.client), ...(await diffInputOf(item.app.spec, this.options.diff)) })
        : '',
      events: await this.eventsOf(connection, key),
    };
  }

  resourceActions(entityRef: string, key: ResourceKey): Promise<ResourceActionsResponse> {
    return this.actions.list(entityRef, key);
  }

  runResourceAction(entityRef: string, key: ResourceKey, action: string, parameters?: Record<string, string>) {
    return this.actions.run(entityRef, key, action, parameters);
  }

  deleteResource(entityRef: string, key: ResourceKey, propagationPolicy: 'Foreground' | 'Background' | 'Orphan') {
    return this.actions.delete(entityRef, key, propagationPolicy);
  }

  private async eventsOf(
    connection: Awaited<ReturnType<ClusterConnector['connect']>>,
    key: ResourceKey,
  ): Promise<ResourceDetailResponse['events']> {
    try {
      const list = await connection.client.list('v1', 'Event', key.namespace ? { namespace: key.namespace } : {});
      return list.items
        .map(e => e as KubeObject & Record<string, any>)
        .filter(e => e.involvedObject?.name === key.name && e.involvedObject?.kind === key.kind)
        .map(e => ({
          type: e.type,
          reason: e.reason,
          message: e.message,
          lastTimestamp: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
          count: e.count,
        }))
        .sort((a, b) => String(b.lastTimestamp ?? '').localeCompare(String(a.lastTimestamp ?? '')));
    } catch (error) {
      this.options.logger.debug(`could not list events of ${key.kind} ${key.name}: ${(error as Error).message}`);
      return [];
    }
  }

  async refreshForPush(repoURL: string, branch: string | undefined, changedFiles?: string[]): Promise<string[]> {
    const pushed = normalizePushURL(repoURL);
    const refs: string[] = [];
    for (const item of this.options.inventory.list()) {
      const matches = sourcesOf(item.app).some(s => {
        if (s.chart || normalizePushURL(s.repoURL) !== pushed) return false;
        if (branch === undefined) return true;
        const target = (s.targetRevision ?? '').trim();
        return target === '' || target === 'HEAD' || target === branch || target === `refs/heads/${branch}`;
      });
      // Argo CD's webhook: a push outside the application's manifest-generate-paths does not refresh it
      const paths = changedFiles && manifestGeneratePaths(item.app.manifestGeneratePaths, sourcesOf(item.app).map(s => s.path ?? ''));
      if (matches && (!paths || manifestGeneratePathsChanged(paths, changedFiles!))) {
        refs.push(item.entityRef);
        this.options.reconciler.enqueue(item.entityRef, { force: true });
      }
    }
    return refs;
  }
}
