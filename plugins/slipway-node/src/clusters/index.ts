/**
 * Cluster configuration (`slipway.clusters`, or the Kubernetes plugin's
 * config locator), read once for the engine and the catalog module.
 */
export { readClusterConfig, IN_CLUSTER_SERVER } from './ClusterConfig';
export type { ClusterConfig } from './ClusterConfig';
export { generatorClusters } from './generatorClusters';
