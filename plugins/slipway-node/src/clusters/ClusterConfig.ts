import { Config } from '@backstage/config';

/** One cluster the engine deploys to, as configured. */
export interface ClusterConfig {
  /** The name Applications use as `destination.name`. */
  name: string;
  /** The API server URL, or `embedded` for an in-process kube-sim cluster. */
  url: string;
  /** Bearer token for the API server. */
  token?: string;
  /** PEM CA bundle (base64, as in kubeconfig's certificate-authority-data). */
  caData?: string;
  skipTLSVerify?: boolean;
  /** Labels for the ApplicationSet clusters generator. */
  labels: Record<string, string>;
  /**
   * Whether `https://kubernetes.default.svc` (Argo CD's in-cluster address)
   * means this cluster.
   */
  inCluster: boolean;
}

/** Argo CD's address of the cluster it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

function readCluster(c: Config, where: string): ClusterConfig {
  const name = c.getString('name');
  const url = c.getString('url');
  const labels = c.getOptionalConfig('labels');
  const authProvider = c.getOptionalString('authProvider');
  if (authProvider && !['serviceAccount', 'none'].includes(authProvider)) {
    throw new Error(
      `${where} cluster '${name}': authProvider '${authProvider}' is not supported; use 'serviceAccount' (with serviceAccountToken) or configure 'token'`,
    );
  }
  return {
    name,
    url,
    token: c.getOptionalString('token') ?? c.getOptionalString('serviceAccountToken'),
    caData: c.getOptionalString('caData'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    labels: labels
      ? Object.fromEntries(labels.keys().map(k => [k, labels.getString(k)]))
      : {},
    inCluster: c.getOptionalBoolean('inCluster') ?? url === 'embedded',
  };
}

/**
 * Reads `slipway.clusters`, or, when absent, the clusters of the Backstage
 * Kubernetes plugin's `kubernetes.clusterLocatorMethods` of type `config`,
 * so a portal that already lists its clusters lists them once.
 */
export function readClusterConfig(config: Config): ClusterConfig[] {
  const own = config.getOptionalConfigArray('slipway.clusters');
  let clusters: ClusterConfig[];
  if (own) {
    clusters = own.map(c => readCluster(c, 'slipway.clusters:'));
  } else {
    clusters = [];
    for (const method of config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []) {
      if (method.getString('type') !== 'config') continue;
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        clusters.push(readCluster(c, 'kubernetes.clusterLocatorMethods:'));
      }
    }
  }
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new Error(
        `cluster name '${cluster.name}' is configured twice; cluster names must be unique`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}
