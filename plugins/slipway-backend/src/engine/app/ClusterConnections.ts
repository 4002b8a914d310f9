import { ClusterCache, ClusterCapabilities, ClusterClient, KubeClusterClient } from '../cluster';
import type { ClusterRegistry } from '../../clusters/ClusterRegistry';

/** A live connection to one cluster: its client and its watch cache. */
export interface ClusterConnection {
  name: string;
  client: ClusterClient;
  cache: ClusterCache;
  /** The cluster's version and API versions, for Helm's `.Capabilities`. */
  capabilities?: ClusterCapabilities;
}

/** Finds the cluster connection of an Application's destination. */
export interface ClusterConnector {
  connect(destination: { server?: string; name?: string }): Promise<ClusterConnection>;
}

/** Raised when an Application's destination names no configured cluster. */
export class UnknownClusterError extends Error {
  name = 'UnknownClusterError';
}

/** Options of {@link ClusterConnections}. */
export interface ClusterConnectionsOptions {
  /** The client of a cluster; default a KubeClusterClient of its kubeconfig. */
  createClient?: (cluster: ReturnType<ClusterRegistry['resolve']> & {}) => ClusterClient;
  /** Where the caches' warnings go (failed lists and watches, API groups that do not answer). */
  logger?: { warn(message: string): void };
}

/**
 * One client and one started cache per configured cluster, created on first
 * use and shared by every Application deploying there.
 */
export class ClusterConnections implements ClusterConnector {
  private readonly connections = new Map<string, Promise<ClusterConnection>>();

  constructor(
    private readonly registry: Pick<ClusterRegistry, 'resolve'>,
    private readonly options: ClusterConnectionsOptions = {},
  ) {}

  connect(destination: { server?: string; name?: string }): Promise<ClusterConnection> {
    const cluster = this.registry.resolve(destination);
    if (!cluster) {
      const wanted = destination.name ? `name '${destination.name}'` : `server '${destination.server}'`;
      return Promise.reject(
        new UnknownClusterError(
          `no cluster with ${wanted} is configured; add it to slipway.clusters or fix spec.destination`,
        ),
      );
    }
    let connection = this.connections.get(cluster.name);
    if (!connection) {
      connection = (async () => {
        const client = this.options.createClient?.(cluster) ?? new KubeClusterClient(cluster.kubeConfig);
        const { logger } = this.options;
        const cache = new ClusterCache({
          client,
          logger: logger && { warn: message => logger.warn(`cluster ${cluster.name}: ${message}`) },
        });
        await cache.start();
        return { name: cluster.name, client, cache, capabilities: new ClusterCapabilities(client, undefined, undefined, `cluster ${cluster.name}`) };
      })();
      // a failed start is retried by the next caller
      connection.catch(() => this.connections.delete(cluster.name));
      this.connections.set(cluster.name, connection);
    }
    return connection;
  }

  async stop(): Promise<void> {
    for (const connection of this.connections.values()) {
      try {
        (await connection).cache.stop();
      } catch {
        // never started
      }
    }
    this.connections.clear();
  }
}
