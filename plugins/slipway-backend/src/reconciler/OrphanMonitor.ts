import {
  formatResourceKey,
  type ResourceKey,
} from '@slipway/plugin-slipway-common';
import type { ClusterConnection } from '../engine/app/ClusterConnections';
import { NamespaceLister } from '../engine/cluster';
import {
  findOrphanedResources,
  orphanedResourceCondition,
  type OrphanedResource,
  type Project,
} from '../projects';
import type { ApplicationCondition } from '../store';

/** The orphans of one namespace listing, against whichever resources the Application has. */
export interface OrphanLook {
  orphans(managed: ReadonlyArray<{ key: ResourceKey }>): OrphanedResource[];
  /** Argo CD's OrphanedResourceWarning, unless the project sets `warn: false` or there are none. */
  condition(orphans: OrphanedResource[]): ApplicationCondition | undefined;
}

/**
 * Orphaned-resource monitoring (Argo CD's AppProject `orphanedResources`):
 * for an Application whose project turns it on and that has a destination
 * namespace, lists the namespace (one lister per cluster, listings shared
 * for a few seconds) and finds the top-level objects no Application tracks.
 */
export class OrphanMonitor {
  private readonly listers = new Map<string, NamespaceLister>();

  constructor(
    private readonly options: {
      /** Whether a tracking name is an Application the reconciler follows. */
      isApplication(trackingName: string): boolean;
      logger: { warn(message: string): void };
    },
  ) {}

  /** Undefined when the project does not monitor orphans or the Application has no destination namespace. */
  async look(
    connection: ClusterConnection,
    project: Project,
    namespace: string | undefined,
  ): Promise<OrphanLook | undefined> {
    const monitoring = project.orphanedResources;
    if (!monitoring || !namespace) return undefined;
    let lister = this.listers.get(connection.name);
    if (!lister) {
      const logger = this.options.logger;
      lister = new NamespaceLister({
        client: connection.client,
        logger: { warn: m => logger.warn(`cluster ${connection.name}: ${m}`) },
      });
      this.listers.set(connection.name, lister);
    }
    let objects;
    try {
      objects = await lister.objects(namespace);
    } catch (error) {
      // the comparison goes on without them
      this.options.logger.warn(
        `could not list namespace ${namespace} of cluster ${
          connection.name
        } to look for orphaned resources: ${(error as Error).message}`,
      );
      return undefined;
    }
    return {
      orphans: managed =>
        findOrphanedResources({
          project,
          monitoring,
          namespace,
          objects,
          managed: new Set(managed.map(r => formatResourceKey(r.key))),
          isApplication: this.options.isApplication,
        }),
      condition: orphans =>
        monitoring.warn && orphans.length > 0
          ? orphanedResourceCondition(orphans.length)
          : undefined,
    };
  }
}
