export * from './ClusterClient';
export * from './DiscoveryCache';
export * from './KubeClusterClient';
export * from './MemoryClusterClient';
export * from './ClusterCache';
export * from './NamespaceLister';
export * from './ClusterCapabilities';
