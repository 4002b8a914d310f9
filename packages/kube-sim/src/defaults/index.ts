import { KubeObject } from '../store/KubeObject';
import {
  defaultHpa,
  defaultIngress,
  defaultNamespace,
  defaultNetworkPolicy,
  defaultPod,
  defaultPvc,
  defaultSecret,
  defaultService,
  DefaultingContext,
} from './core';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultStatefulSet,
} from './workloads';

export type { DefaultingContext } from './core';

type Defaulter = (o: Record<string, any>, ctx: DefaultingContext) => void;

const DEFAULTERS: Record<string, Defaulter> = {
  '/Service': defaultService,
  '/Secret': defaultSecret,
  '/Namespace': defaultNamespace,
  '/PersistentVolumeClaim': defaultPvc,
  '/Pod': defaultPod,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'autoscaling/HorizontalPodAutoscaler': defaultHpa,
  'networking.k8s.io/Ingress': defaultIngress,
  'networking.k8s.io/NetworkPolicy': defaultNetworkPolicy,
};

/**
 * Applies the API server's defaulting to a private copy of an object, in
 * place. Defaulting is idempotent: applying it twice changes nothing.
 */
export function applyDefaults(
  group: string,
  obj: KubeObject,
  ctx: DefaultingContext,
): void {
  const d = DEFAULTERS[`${group}/${obj.kind}`];
  if (d) d(obj, ctx);
}
