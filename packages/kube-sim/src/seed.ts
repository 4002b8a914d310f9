import { ObjectWriter } from './registry/ObjectWriter';
import { TypeRegistry } from './types/TypeRegistry';

/** The objects a fresh cluster has: system namespaces, nodes, the kubernetes Service. */
export function seedCluster(
  writer: ObjectWriter,
  types: TypeRegistry,
  nodes: string[],
  extraNamespaces: string[],
): void {
  const manager = 'kube-apiserver';
  const nsType = types.forKind('', 'Namespace')!;
  for (const name of [
    'default',
    'kube-system',
    'kube-public',
    'kube-node-lease',
    ...extraNamespaces,
  ]) {
    writer.create(
      nsType,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { manager },
    );
  }
  const nodeType = types.forKind('', 'Node')!;
  for (const name of nodes) {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
        },
      },
      spec: {},
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status (simulated)',
          },
        ],
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        nodeInfo: {
          kubeletVersion: 'v1.32.0-kube-sim',
          containerRuntimeVersion: 'kube-sim://0',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
    const created = writer.create(nodeType, node, { manager });
    writer.update(
      nodeType,
      { ...created, status: node.status },
      { manager: 'kubelet', subresource: 'status' },
    );
  }
  writer.create(
    types.forKind('', 'Service')!,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, targetPort: 6443 }],
      },
    },
    { manager },
  );
}
