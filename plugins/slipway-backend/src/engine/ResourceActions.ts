import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  formatResourceKey,
  KubeObject,
  ResourceActionsResponse,
  ResourceActionResult,
  ResourceKey,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import {
  ResourceActionChange,
  ResourceActionError,
  type ResourceActionParameters,
} from '@slipway/plugin-slipway-node';
import { ActionLayers, type LuaActionSource } from './ActionLayers';
import type { InventoryApplication } from '../inventory';
import { checkResources, type Project } from '../projects';
import type { ApplicationState } from '../reconciler/ApplicationState';
import {
  destinationOf,
  type ClusterResolver,
} from '../reconciler/destinationOf';
import type { WorkOptions } from '../reconciler/WorkQueue';
import type { ClusterConnector } from './app/ClusterConnections';
import { writeActionChange } from './writeActionChange';
import { objectRefOf } from './cluster';

/** The field manager of the fields actions write, apart from Slipway's own syncs. */
export const ACTION_FIELD_MANAGER = 'slipway-action';

/** What {@link ResourceActions} needs. */
export interface ResourceActionsOptions {
  inventory: { get(entityRef: string): InventoryApplication | undefined };
  reconciler: {
    state(entityRef: string): ApplicationState | undefined;
    enqueue(entityRef: string, options?: WorkOptions): void;
  };
  clusters: ClusterConnector;
  resolveCluster: ClusterResolver;
  projects: ReadonlyMap<string, Project>;
  /** Actions in Argo CD's Lua format from the Lua folder (`slipway.health.luaScriptsDir`), before the built-in ones of their kinds. */
  luaActions?: LuaActionSource;
  /** Actions given in configuration (`slipway.resourceActions.customizations`), before all others of their kinds. */
  configuredActions?: LuaActionSource;
  now?: () => Date;
}

const describe = (key: ResourceKey) =>
  `${key.group ? `${key.group}/` : ''}${key.kind} ${
    key.namespace ? `${key.namespace}/` : ''
  }${key.name}`;

/**
 * Argo CD's resource menu on the resources of an application's tree (and
 * its orphans): the actions (restart, pause, resume, scale, create-job, and
 * those of Argo Rollouts), and
 * deleting one resource. Lists what a resource offers, and
 * runs one, writing its fields with the field manager `slipway-action` (so
 * a sync from Git still owns and may overwrite what Git declares) and
 * creating what it creates, within the application's project.
 */
export class ResourceActions {
  private readonly layers: ActionLayers;

  constructor(private readonly options: ResourceActionsOptions) {
    this.layers = new ActionLayers({
      configured: options.configuredActions,
      folder: options.luaActions,
    });
  }

  /** The live object of a resource of the application's tree; NotFoundError otherwise. */
  private async live(
    entityRef: string,
    key: ResourceKey,
  ): Promise<{ item: InventoryApplication; live: KubeObject }> {
    const item = this.options.inventory.get(entityRef);
    if (!item)
      throw new NotFoundError(
        `${entityRef} is not an Application that Slipway reconciles`,
      );
    const state = this.options.reconciler.state(entityRef);
    const refreshed = state?.refreshed;
    const id = formatResourceKey({ ...key, namespace: key.namespace ?? '' });
    // orphaned resources count: Argo CD's resource menu offers them too
    const node =
      refreshed?.resources.find(r => formatResourceKey(r.key) === id) ??
      refreshed?.tree.find(n => formatResourceKey(n.key) === id) ??
      state?.orphaned?.find(o => formatResourceKey(o) === id);
    if (!node)
      throw new NotFoundError(
        `${describe(
          key,
        )} is not a resource of ${entityRef}; pick one from its resource tree`,
      );
    const connection = await this.options.clusters.connect(
      item.app.spec.destination,
    );
    const live =
      connection.cache.get(key) ??
      (await connection.client.get({
        apiVersion: node.apiVersion,
        kind: key.kind,
        name: key.name,
        ...(key.namespace ? { namespace: key.namespace } : {}),
      }));
    if (!live)
      throw new NotFoundError(
        `${describe(
          key,
        )} of ${entityRef} does not exist in the cluster; sync the application to create it`,
      );
    return { item, live };
  }

  async list(
    entityRef: string,
    key: ResourceKey,
  ): Promise<ResourceActionsResponse> {
    const { live } = await this.live(entityRef, key);
    return { actions: await this.layers.offered(live) };
  }

  /** Runs an action with the values sent for it (`params`, by name: Argo CD's resourceActionParameters). */
  async run(
    entityRef: string,
    key: ResourceKey,
    action: string,
    params: ResourceActionParameters = {},
  ): Promise<ResourceActionResult> {
    const { item, live } = await this.live(entityRef, key);
    let changes: ResourceActionChange[];
    try {
      changes = await this.layers.changes(
        live,
        action,
        this.options.now?.() ?? new Date(),
        params,
      );
    } catch (error) {
      if (!(error instanceof ResourceActionError)) throw error;
      throw error.reason === 'notApplicable'
        ? new ConflictError(error.message)
        : new InputError(error.message);
    }
    const project = this.options.projects.get(item.project);
    if (!project)
      throw new ConflictError(
        `project '${item.project}' of ${entityRef} does not exist; add it to slipway.projects`,
      );
    const destination = destinationOf(item, this.options.resolveCluster);
    const violations = checkResources(
      project,
      destination,
      changes.map(c => resourceKeyOf(c.object)),
    );
    if (violations.length > 0) {
      throw new ConflictError(
        `action '${action}' on ${describe(key)} is not permitted: ${violations
          .map(v => v.message)
          .join('; ')}; nothing was changed`,
      );
    }
    const connection = await this.options.clusters.connect(
      item.app.spec.destination,
    );
    const done: ResourceActionResult['changes'] = [];
    for (const change of changes) {
      const written = await writeActionChange(
        connection.client,
        change,
        ACTION_FIELD_MANAGER,
      );
      done.push({
        operation: change.operation === 'create' ? 'create' : 'patch',
        resource: resourceKeyOf(written),
      });
    }
    // the cluster changed, not Git
    this.options.reconciler.enqueue(entityRef, { recent: true });
    return {
      action,
      ...(Object.keys(params).length > 0 ? { parameters: { ...params } } : {}),
      changes: done,
    };
  }

  /**
   * Deletes one resource of the application's tree, as Argo CD's resource
   * menu does (a Pod to have it replaced, a left-over, an orphan); a
   * managed one comes back with the next sync.
   */
  async delete(
    entityRef: string,
    key: ResourceKey,
    propagationPolicy: 'Foreground' | 'Background' | 'Orphan',
  ): Promise<{ deleted: ResourceKey }> {
    const { item, live } = await this.live(entityRef, key);
    const connection = await this.options.clusters.connect(
      item.app.spec.destination,
    );
    if (
      !(await connection.client.delete(objectRefOf(live), {
        propagationPolicy,
      }))
    ) {
      throw new NotFoundError(
        `${describe(key)} of ${entityRef} was already gone from the cluster`,
      );
    }
    this.options.reconciler.enqueue(entityRef, { recent: true });
    return { deleted: resourceKeyOf(live) };
  }
}
