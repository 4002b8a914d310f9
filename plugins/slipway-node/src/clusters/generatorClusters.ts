import type { ClusterInfo } from '../applicationset/types';
import type { ClusterConfig } from './ClusterConfig';

/**
 * The configured clusters as the ApplicationSet clusters generator sees
 * them: `name`, `server` (the configured url; `embedded` stays `embedded`)
 * and `labels`; credentials are left out.
 *
 * An `inCluster` cluster without labels is Argo CD's local cluster, which
 * has no cluster Secret: the generator lists it only when the selector is
 * empty. Labels configured on it play the part of the labels of a cluster
 * Secret created for the in-cluster server, so it is then matched by
 * selectors like any other cluster.
 * @public
 */
export function generatorClusters(clusters: ClusterConfig[]): ClusterInfo[] {
  return clusters.map(cluster => ({
    name: cluster.name,
    server: cluster.url,
    labels: { ...cluster.labels },
    ...(cluster.inCluster && Object.keys(cluster.labels).length === 0
      ? { local: true }
      : {}),
  }));
}
