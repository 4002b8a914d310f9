import { groupOf, KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from './types';
import { deploymentHealth } from './DeploymentHealth';
import { statefulSetHealth } from './StatefulSetHealth';
import { daemonSetHealth } from './DaemonSetHealth';
import { replicaSetHealth } from './ReplicaSetHealth';
import { podHealth } from './PodHealth';
import { serviceHealth } from './ServiceHealth';
import { ingressHealth } from './IngressHealth';
import { pvcHealth } from './PVCHealth';
import { jobHealth } from './JobHealth';
import { hpaHealth } from './HPAHealth';
import { apiServiceHealth } from './APIServiceHealth';
import { workflowHealth } from './WorkflowHealth';

/** Finalizer Argo CD puts on hooks; such objects keep their own health while deleted. @public */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

const BUILTIN: Record<string, HealthCheck> = {
  'apps/Deployment': deploymentHealth,
  'apps/StatefulSet': statefulSetHealth,
  'apps/ReplicaSet': replicaSetHealth,
  'apps/DaemonSet': daemonSetHealth,
  'extensions/Ingress': ingressHealth,
  'networking.k8s.io/Ingress': ingressHealth,
  'argoproj.io/Workflow': workflowHealth,
  'apiregistration.k8s.io/APIService': apiServiceHealth,
  '/Service': serviceHealth,
  '/PersistentVolumeClaim': pvcHealth,
  '/Pod': podHealth,
  'batch/Job': jobHealth,
  'autoscaling/HorizontalPodAutoscaler': hpaHealth,
};

/** The built-in check for a group and kind, or undefined. @public */
export function getBuiltinHealthCheck(
  group: string,
  kind: string,
): HealthCheck | undefined {
  return BUILTIN[`${group}/${kind}`];
}

/**
 * The health every object being deleted has, whatever its kind: Progressing
 * until it is gone (hooks excepted: they keep their own health so that the
 * sync can read their outcome).
 * @public
 */
export function pendingDeletionHealth(
  obj: KubeObject,
): ResourceHealth | undefined {
  if (!obj.metadata?.deletionTimestamp) return undefined;
  // finalizers as written: a malformed object must not stop the assessment
  const finalizers: unknown = obj.metadata.finalizers;
  if (Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER)) {
    return undefined;
  }
  return { status: 'Progressing', message: 'Pending deletion' };
}

/**
 * The built-in health of an object (Kubernetes kinds and Argo Workflows), or
 * undefined when Slipway has no built-in check for its kind.
 * @public
 */
export function builtinHealth(obj: KubeObject): ResourceHealth | undefined {
  const check = getBuiltinHealthCheck(groupOf(obj.apiVersion), obj.kind);
  return check?.(obj);
}
