import { ALL_VERBS, ResourceType } from './ResourceType';

interface Spec {
  kind: string;
  plural?: string;
  namespaced?: boolean;
  shortNames?: string[];
  status?: boolean;
  scale?: boolean;
  categories?: string[];
  verbs?: string[];
}

function group(g: string, version: string, specs: Spec[]): ResourceType[] {
  return specs.map(s => ({
    group: g,
    version,
    kind: s.kind,
    listKind: `${s.kind}List`,
    plural: s.plural ?? `${s.kind.toLowerCase()}s`,
    singular: s.kind.toLowerCase(),
    namespaced: s.namespaced ?? true,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    verbs: s.verbs ?? ALL_VERBS,
    statusSubresource: s.status ?? false,
    scaleSubresource: s.scale ?? false,
    custom: false,
  }));
}

const all = ['all'];
const NS_VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** The built-in resource types the simulator serves. */
export const BUILTIN_TYPES: ResourceType[] = [
  ...group('', 'v1', [
    {
      kind: 'Namespace',
      namespaced: false,
      shortNames: ['ns'],
      status: true,
      verbs: NS_VERBS,
    },
    { kind: 'ConfigMap', shortNames: ['cm'] },
    { kind: 'Secret' },
    { kind: 'Service', shortNames: ['svc'], status: true, categories: all },
    { kind: 'Pod', shortNames: ['po'], status: true, categories: all },
    { kind: 'ServiceAccount', shortNames: ['sa'] },
    { kind: 'PersistentVolumeClaim', shortNames: ['pvc'], status: true },
    {
      kind: 'PersistentVolume',
      namespaced: false,
      shortNames: ['pv'],
      status: true,
    },
    { kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'] },
    { kind: 'Event', shortNames: ['ev'] },
    { kind: 'Node', namespaced: false, shortNames: ['no'], status: true },
    { kind: 'LimitRange', shortNames: ['limits'] },
    { kind: 'ResourceQuota', shortNames: ['quota'], status: true },
  ]),
  ...group('apps', 'v1', [
    {
      kind: 'Deployment',
      shortNames: ['deploy'],
      status: true,
      scale: true,
      categories: all,
    },
    {
      kind: 'ReplicaSet',
      shortNames: ['rs'],
      status: true,
      scale: true,
      categories: all,
    },
    {
      kind: 'StatefulSet',
      shortNames: ['sts'],
      status: true,
      scale: true,
      categories: all,
    },
    { kind: 'DaemonSet', shortNames: ['ds'], status: true, categories: all },
    { kind: 'ControllerRevision' },
  ]),
  ...group('batch', 'v1', [
    { kind: 'Job', status: true, categories: all },
    { kind: 'CronJob', shortNames: ['cj'], status: true, categories: all },
  ]),
  ...group('networking.k8s.io', 'v1', [
    { kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], status: true },
    {
      kind: 'NetworkPolicy',
      plural: 'networkpolicies',
      shortNames: ['netpol'],
    },
    { kind: 'IngressClass', plural: 'ingressclasses', namespaced: false },
  ]),
  ...group('rbac.authorization.k8s.io', 'v1', [
    { kind: 'Role' },
    { kind: 'RoleBinding' },
    { kind: 'ClusterRole', namespaced: false },
    { kind: 'ClusterRoleBinding', namespaced: false },
  ]),
  ...group('autoscaling', 'v2', [
    {
      kind: 'HorizontalPodAutoscaler',
      shortNames: ['hpa'],
      status: true,
      categories: all,
    },
  ]),
  ...group('policy', 'v1', [
    {
      kind: 'PodDisruptionBudget',
      shortNames: ['pdb'],
      status: true,
    },
  ]),
  ...group('discovery.k8s.io', 'v1', [{ kind: 'EndpointSlice' }]),
  ...group('coordination.k8s.io', 'v1', [{ kind: 'Lease' }]),
  ...group('storage.k8s.io', 'v1', [
    {
      kind: 'StorageClass',
      plural: 'storageclasses',
      namespaced: false,
      shortNames: ['sc'],
    },
  ]),
  ...group('apiregistration.k8s.io', 'v1', [
    { kind: 'APIService', namespaced: false, status: true },
  ]),
  ...group('apiextensions.k8s.io', 'v1', [
    {
      kind: 'CustomResourceDefinition',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      status: true,
    },
  ]),
];
