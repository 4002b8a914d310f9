import { formatResourceKey, KubeObject, resourceKeyOf } from '@slipway/plugin-slipway-common';
import {
  HealthAssessor,
  JqEngine,
  planSync,
  SyncRequest,
} from '@slipway/plugin-slipway-node';
import { JsonPool } from '../cluster/JsonPool';
import { Renderer } from '../render';
import {
  ExecuteOptions,
  RetryPolicy,
  retryPolicyFromSpec,
  SyncExecutor,
  SyncOperationResult,
} from '../sync';
import { appChangeWaiter } from './appChangeWaiter';
import { compareApplication, Comparison } from './compareApplication';
import { serverSideDryRun } from './serverSideDryRun';
import { ClusterConnection, ClusterConnector } from './ClusterConnections';
import { DEFAULT_DIFF_SETTINGS, diffInputOf, DiffSettings } from './DiffSettings';
import { sharedResourceWarnings } from './sharedResources';
import { childrenToPublish, compareChildren, splitChildren } from './childApplications';
import { CompareResult, EngineApplication, trackingNameOf } from './types';

/** A comparison with what a sync of it needs. */
export interface Refreshed extends CompareResult {
  desired: KubeObject[];
  live: KubeObject[];
  /** Argo CD Applications and ApplicationSets it rendered (an app of apps). */
  children?: KubeObject[];
}

/** The outcome of a sync operation and the state right after it. */
export interface SyncOutcome {
  operation: SyncOperationResult;
  revision?: string;
  /** The child Applications to publish after a successful sync of an app of apps. */
  children?: KubeObject[];
}

/** The child Applications each app of apps published at its last sync, by the parent's entity ref. */
export interface PublishedChildren {
  published(parentRef: string): KubeObject[];
}

/** Options of {@link ApplicationController}. */
export interface ApplicationControllerOptions {
  renderer: Renderer;
  clusters: ClusterConnector;
  health: Pick<HealthAssessor, 'assess'>;
  jq?: JqEngine;
  /** System-level diffing (`slipway.diff`); default Argo CD's. */
  diff?: DiffSettings;
  /** The children apps of apps published; without it children are never Synced. */
  children?: PublishedChildren;
  /** Overrides for the sync executor (tests inject a clock). */
  executor?: Partial<ConstructorParameters<typeof SyncExecutor>[0]>;
}

/**
 * The retry policy of a sync, as Argo CD's: the Application's
 * `syncPolicy.retry` (a missing limit is no retry, a negative one no end),
 * else five retries for an automated sync and none for another.
 */
export function retryPolicyOf(
  app: EngineApplication,
  automated = false,
): RetryPolicy | { error: string } | undefined {
  const retry = app.spec.syncPolicy?.retry;
  if (!retry) return automated ? { limit: 5, backoff: {} } : undefined;
  return retryPolicyFromSpec(retry);
}

/**
 * The engine's unit of work, one Application at a time: render its sources,
 * compare with the live cluster, and sync. It holds no state of its own;
 * the reconciler decides when to call it.
 */
export class ApplicationController {
  /**
   * The desired objects of a comparison are kept until the next one (the
   * reconciler's last state); applications made from one template share
   * their bodies here. Metadata, which differs per application, is not pooled.
   */
  private readonly desiredBodies = new JsonPool();

  constructor(private readonly options: ApplicationControllerOptions) {}

  private async scopes(connection: ClusterConnection, objects: KubeObject[]) {
    const scope = new Map<string, 'Namespaced' | 'Cluster' | undefined>();
    await Promise.all(
      [...new Set(objects.map(o => `${o.apiVersion}\n${o.kind}`))].map(async id => {
        const [apiVersion, kind] = id.split('\n');
        const info = await connection.client.resourceFor(apiVersion, kind);
        if (info) scope.set(id, info.namespaced ? 'Namespaced' : 'Cluster');
      }),
    );
    return (apiVersion: string, kind: string) => scope.get(`${apiVersion}\n${kind}`);
  }

  /** Renders and compares; never applies anything. */
  private get diffSettings(): DiffSettings {
    return this.options.diff ?? DEFAULT_DIFF_SETTINGS;
  }

  /** With `fresh`, renders again instead of taking a cached render (a hard refresh). */
  async refresh(app: EngineApplication, options: { fresh?: boolean } = {}): Promise<Refreshed> {
    const spec = app.spec;
    const connection = await this.options.clusters.connect(spec.destination);
    // Helm sees the destination's version and API versions, as in Argo CD.
    const capabilities = (await connection.capabilities?.current()) ?? {};
    const rendered = await this.options.renderer.render({
      ...capabilities,
      appName: app.name,
      instanceName: app.instance,
      fresh: options.fresh,
      manifestGeneratePaths: app.manifestGeneratePaths,
      project: spec.project,
      destinationNamespace: spec.destination.namespace,
      source: spec.source,
      sources: spec.sources,
    });
    const scopeOf = await this.scopes(connection, rendered.manifests);
    const instance = trackingNameOf(app);
    const live = connection.cache.managedObjects(instance);
    const { children, objects } = splitChildren(rendered.manifests);
    const childStatuses = compareChildren(children, this.publishedOf(app));
    const comparison: Comparison = await compareApplication({
      appName: instance,
      desired: objects,
      live,
      destinationNamespace: spec.destination.namespace,
      scopeOf,
      ...(await diffInputOf(spec, this.diffSettings, this.options.jq)),
      assessHealth: obj => this.options.health.assess(obj),
      predictLive: serverSideDryRun(connection.client),
    });
    const charts = (spec.sources ?? (spec.source ? [spec.source] : []))
      .map((source, i) => ({ source, rendered: rendered.sources[i] }))
      .filter(({ source }) => source.chart)
      .map(({ source, rendered: r }) => ({
        repoURL: source.repoURL,
        chart: source.chart!,
        version: r?.revision ?? source.targetRevision ?? '',
      }));
    const tree = await Promise.all(
      connection.cache.resourceTree(instance).map(async node => ({
        key: node.key,
        apiVersion: node.apiVersion,
        uid: node.uid,
        parents: node.parents,
        health: await this.options.health.assess(node.object),
        managed: node.parents.length === 0,
      })),
    );
    return {
      syncStatus: childStatuses.some(c => c.status !== 'Synced') ? 'OutOfSync' : comparison.syncStatus,
      health: comparison.health,
      resources: [...comparison.resources, ...childStatuses],
      tree,
      images: comparison.images,
      charts,
      sources: rendered.sources,
      revision: rendered.sources[0]?.revision,
      conditions: [
        ...comparison.conditions,
        ...sharedResourceWarnings(comparison.normalizedDesired, instance, obj =>
          connection.cache.get(resourceKeyOf(obj)),
        ),
        ...rendered.warnings.map(message => ({ type: 'RenderWarning', message })),
      ],
      desired: comparison.normalizedDesired.map(o => this.desiredBodies.shareBody(o)),
      live,
      ...(children.length || childStatuses.length ? { children } : {}),
    };
  }

  /**
   * The children a successful, complete (not dry-run, not selective) sync
   * publishes: as rendered, and, without prune, those no longer rendered too.
   */
  private childrenAfter(
    app: EngineApplication,
    refreshed: Refreshed,
    request: SyncRequest,
    operation: SyncOperationResult,
  ): Pick<SyncOutcome, 'children'> {
    const published = this.publishedOf(app);
    if (!refreshed.children && published.length === 0) return {};
    if (operation.phase !== 'Succeeded' || request.dryRun || request.resources?.length) return {};
    return { children: childrenToPublish(refreshed.children ?? [], published, request.prune === true) };
  }

  private publishedOf(app: EngineApplication): KubeObject[] {
    return app.ref && this.options.children ? this.options.children.published(app.ref) : [];
  }

  /**
   * Syncs the Application to its sources: plans (phases, waves, hooks,
   * prune) and executes against the cluster. `refreshed`, a comparison of
   * this very application the caller just made, saves comparing it again.
   */
  async sync(
    app: EngineApplication,
    request: SyncRequest,
    options: Pick<ExecuteOptions, 'signal' | 'onProgress'> & { refreshed?: Refreshed; automated?: boolean } = {},
  ): Promise<SyncOutcome> {
    const { refreshed: given, automated, ...execute } = options;
    const refreshed = given ?? (await this.refresh(app));
    const connection = await this.options.clusters.connect(app.spec.destination);
    const scopeOf = await this.scopes(connection, refreshed.desired);
    const modified: Record<string, boolean> = {};
    for (const r of refreshed.resources) {
      modified[formatResourceKey(r.key)] = r.status !== 'Synced';
    }
    const { ignoreDifferences, jq } = await diffInputOf(app.spec, this.diffSettings, this.options.jq);
    const retry = retryPolicyOf(app, automated);
    const plan = planSync({
      appName: trackingNameOf(app),
      namespace: app.spec.destination.namespace,
      revision: refreshed.revision,
      startedAt: Date.now(),
      desired: refreshed.desired,
      live: refreshed.live,
      request,
      syncOptions: app.spec.syncPolicy?.syncOptions,
      managedNamespaceMetadata: app.spec.syncPolicy?.managedNamespaceMetadata,
      ignoreDifferences,
      jq,
      modified,
      scopeOf,
    });
    const issues = [...plan.issues.map(i => i.message), ...(retry && 'error' in retry ? [retry.error] : [])];
    if (issues.length > 0) {
      return {
        revision: refreshed.revision,
        operation: {
          phase: 'Error',
          message: `the sync of ${app.name} was not started: ${issues.join('; ')}`,
          resources: [],
          attempts: 0,
          dryRun: Boolean(request.dryRun),
        },
      };
    }
    for (const task of plan.tasks) {
      if (task.target) await connection.cache.ensureKind(task.target.apiVersion, task.target.kind);
    }
    const changes = appChangeWaiter(connection.cache, trackingNameOf(app), this.options.executor?.sleep);
    try {
      const executor = new SyncExecutor({
        client: connection.client,
        health: obj => this.options.health.assess(obj),
        waitForChange: changes.wait,
        ...this.options.executor,
      });
      const operation = await executor.execute(plan, {
        ...execute,
        retry: retry && !('error' in retry) ? retry : undefined,
      });
      // A new CRD is a new API version for the charts rendered next.
      if (plan.tasks.some(t => t.target?.kind === 'CustomResourceDefinition')) connection.capabilities?.invalidate();
      return { operation, revision: refreshed.revision, ...this.childrenAfter(app, refreshed, request, operation) };
    } finally {
      changes.stop();
    }
  }
}
