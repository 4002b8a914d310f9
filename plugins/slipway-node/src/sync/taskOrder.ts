import type { SyncPhase } from '@slipway/plugin-slipway-common';
import type { SyncTask } from './types';

/**
 * The order in which kinds are applied within a wave (Helm's kind sorter, as
 * used by Argo CD's gitops-engine). Kinds not listed (custom resources) come
 * last.
 * @public
 */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const PHASE_ORDER: Record<SyncPhase, number> = {
  PreSync: -1,
  Sync: 0,
  PostSync: 1,
  SyncFail: 2,
};

/** Rank of a kind: listed kinds are negative, others 0 (last). @public */
export function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? 0 : i - KIND_ORDER.length;
}

/** Rank of a sync phase. @public */
export function phaseRank(phase: SyncPhase): number {
  return PHASE_ORDER[phase];
}

function compareTasks(a: SyncTask, b: SyncTask): number {
  const byPhase = PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
  if (byPhase !== 0) return byPhase;
  const byWave = a.wave - b.wave;
  if (byWave !== 0) return byWave;
  // Within a wave prune tasks delete in reverse kind order (a Deployment
  // before its Namespace); they run before the wave's applies.
  const aPrune = a.action === 'prune';
  const bPrune = b.action === 'prune';
  if (aPrune !== bPrune) return aPrune ? -1 : 1;
  const byKind = kindRank(a.key.kind) - kindRank(b.key.kind);
  if (byKind !== 0) return aPrune ? -byKind : byKind;
  if (a.key.name !== b.key.name) return a.key.name < b.key.name ? -1 : 1;
  if (a.key.namespace !== b.key.namespace) {
    return a.key.namespace < b.key.namespace ? -1 : 1;
  }
  return compareText(a.key.group, b.key.group);
}

/** Plain string order (not locale-aware), as Go compares names. @public */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Moves each dependency (a Namespace; a CRD) before the first task that uses
 * it, giving it that task's phase and wave, as gitops-engine does.
 */
function adjustDependencies(
  tasks: SyncTask[],
  dependencyKey: (t: SyncTask) => string | undefined,
  usesKey: (t: SyncTask) => string | undefined,
): void {
  const firstUse = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (t.action !== 'apply') continue;
    const dep = dependencyKey(t);
    if (dep !== undefined) {
      const index = firstUse.get(dep);
      if (index !== undefined) {
        t.wave = tasks[index].wave;
        t.phase = tasks[index].phase;
        tasks.splice(i, 1);
        tasks.splice(index, 0, t);
        for (const [k, v] of firstUse) {
          if (v >= index) firstUse.set(k, v + 1);
        }
      }
      continue;
    }
    const use = usesKey(t);
    if (use !== undefined && !firstUse.has(use)) firstUse.set(use, i);
  }
}

function crdGroupKind(t: SyncTask): string | undefined {
  if (t.key.kind !== 'CustomResourceDefinition') return undefined;
  if (t.key.group !== 'apiextensions.k8s.io') return undefined;
  const spec = t.target?.spec as
    | { group?: unknown; names?: { kind?: unknown } }
    | undefined;
  if (typeof spec?.group !== 'string') return undefined;
  if (typeof spec.names?.kind !== 'string') return undefined;
  return `${spec.group}/${spec.names.kind}`;
}

/**
 * Sorts tasks in place: phase, wave, kind, name; then namespaces before the
 * resources in them and CRDs before their custom resources.
 * @public
 */
export function sortTasks(tasks: SyncTask[]): SyncTask[] {
  tasks.sort(compareTasks);
  adjustDependencies(
    tasks,
    t =>
      t.key.kind === 'Namespace' && t.key.group === '' ? t.key.name : undefined,
    t => (t.key.namespace ? t.key.namespace : undefined),
  );
  adjustDependencies(tasks, crdGroupKind, t => `${t.key.group}/${t.key.kind}`);
  return tasks;
}
