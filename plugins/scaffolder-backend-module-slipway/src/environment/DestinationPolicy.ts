import type { Config } from '@backstage/config';
import {
  DEFAULT_PROJECT_DESTINATIONS,
  IN_CLUSTER_SERVER,
  isDestinationPermitted,
  readProjectDestinations,
} from '@slipway/plugin-slipway-node';
import type { ClusterInfo, ProjectDestination } from '@slipway/plugin-slipway-node';

/** Where an Application deploys. */
export interface PolicyDestination {
  name?: string;
  server?: string;
  namespace?: string;
}

/**
 * The clusters and namespaces each project may deploy to, from
 * `slipway.projects[].destinations` with the engine's own rules (Argo CD
 * AppProject semantics), so the scaffolder refuses before committing what
 * the engine would refuse to sync. The `default` project allows everything
 * unless configured. The cluster must also be one Slipway knows.
 */
export class DestinationPolicy {
  private constructor(
    private readonly projects: Map<string, readonly ProjectDestination[]>,
    private readonly clusters: ClusterInfo[],
  ) {}

  static fromConfig(config: Config, clusters: ClusterInfo[]): DestinationPolicy {
    const projects = new Map<string, readonly ProjectDestination[]>([
      ['default', DEFAULT_PROJECT_DESTINATIONS],
    ]);
    for (const p of config.getOptionalConfigArray('slipway.projects') ?? []) {
      projects.set(p.getString('name'), readProjectDestinations(p));
    }
    return new DestinationPolicy(projects, clusters);
  }

  /** Names of the clusters Slipway deploys to. */
  clusterNames(): string[] {
    return this.clusters.map(c => c.name);
  }

  /** Why the project may not deploy to the destination, or undefined when it may. */
  check(project: string | undefined, destination: PolicyDestination): string | undefined {
    const projectName = project || 'default';
    const destinations = this.projects.get(projectName);
    if (!destinations) {
      return `project '${projectName}' is not configured under slipway.projects; use one of: ${[
        ...this.projects.keys(),
      ].join(', ')}`;
    }
    const cluster = this.clusters.find(c =>
      destination.name
        ? c.name === destination.name
        : c.server === destination.server ||
          (destination.server === IN_CLUSTER_SERVER && c.local === true),
    );
    if (!cluster) {
      return `cluster '${destination.name ?? destination.server}' is not one Slipway deploys to (configured: ${
        this.clusterNames().join(', ') || 'none'
      }); pick one of those`;
    }
    const dst = {
      name: destination.name ?? cluster.name,
      server: destination.server ?? cluster.server,
      namespace: destination.namespace ?? '',
    };
    if (isDestinationPermitted({ destinations }, dst)) return undefined;
    return (
      `project '${projectName}' does not allow deploying to cluster '${dst.name}', namespace '${dst.namespace}'; ` +
      'pick an allowed cluster and namespace or ask a platform admin to extend the project'
    );
  }
}
