import { KubeConfig } from '@kubernetes/client-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterConfig, IN_CLUSTER_SERVER } from '@slipway/plugin-slipway-node';

/** A cluster the engine can reach. */
export interface Cluster {
  name: string;
  /** The API server URL the engine talks to. */
  server: string;
  labels: Record<string, string>;
  inCluster: boolean;
  /** Client configuration for @kubernetes/client-node. */
  kubeConfig: KubeConfig;
}

/** Starts an embedded cluster; kube-sim in the demo and in tests. */
export type EmbeddedClusterStarter = () => Promise<{
  url: string;
  token: string;
  stop(): Promise<void>;
}>;

function kubeConfigFor(name: string, server: string, c: Partial<ClusterConfig>): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name, server, caData: c.caData, skipTLSVerify: c.skipTLSVerify ?? false },
    ],
    users: [{ name, token: c.token }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kubeConfig;
}

/**
 * The clusters Applications may deploy to, looked up by Argo CD's
 * `destination.name` or `destination.server`.
 */
export class ClusterRegistry {
  private constructor(
    private readonly clusters: Cluster[],
    private readonly stops: Array<() => Promise<void>>,
  ) {}

  static async create(options: {
    clusters: ClusterConfig[];
    logger: LoggerService;
    startEmbedded: EmbeddedClusterStarter;
  }): Promise<ClusterRegistry> {
    const clusters: Cluster[] = [];
    const stops: Array<() => Promise<void>> = [];
    for (const c of options.clusters) {
      if (c.url === 'embedded') {
        const sim = await options.startEmbedded();
        stops.push(() => sim.stop());
        options.logger.info(
          `cluster '${c.name}' is embedded: a simulated Kubernetes API (kube-sim) at ${sim.url}; it is not a real cluster`,
        );
        clusters.push({
          name: c.name,
          server: sim.url,
          labels: c.labels,
          inCluster: c.inCluster,
          // kube-sim serves plain HTTP on loopback, which the Kubernetes client only talks with skipTLSVerify.
          kubeConfig: kubeConfigFor(c.name, sim.url, { token: sim.token, skipTLSVerify: true }),
        });
      } else {
        clusters.push({
          name: c.name,
          server: c.url,
          labels: c.labels,
          inCluster: c.inCluster,
          kubeConfig: kubeConfigFor(c.name, c.url, c),
        });
      }
    }
    return new ClusterRegistry(clusters, stops);
  }

  list(): Cluster[] {
    return [...this.clusters];
  }

  /**
   * The cluster of an Application's destination: by name, else by server
   * URL, where Argo CD's in-cluster address means the in-cluster cluster.
   */
  resolve(destination: { name?: string; server?: string }): Cluster | undefined {
    if (destination.name) {
      return this.clusters.find(c => c.name === destination.name);
    }
    if (destination.server === IN_CLUSTER_SERVER) {
      return this.clusters.find(c => c.inCluster);
    }
    const server = destination.server?.replace(/\/+$/, '');
    return this.clusters.find(c => c.server.replace(/\/+$/, '') === server);
  }

  async stop(): Promise<void> {
    await Promise.all(this.stops.map(stop => stop()));
  }
}
