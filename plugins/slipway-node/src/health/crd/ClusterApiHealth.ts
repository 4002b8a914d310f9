import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import {
  at,
  conditionsOf,
  findCondition,
  isNil,
  list,
  record,
  type Condition,
} from '../fields';
import { luaTruthy } from './luaValues';

/**
 * Argo CD's scripts read `obj.spec.paused` without checking that `spec`
 * exists; on such an object the script fails and Argo CD shows Unknown with
 * the script error.
 */
const NO_SPEC: ResourceHealth = {
  status: 'Unknown',
  message: 'health check failed: the object has no spec',
};

/**
 * The conditions a Cluster API object reports: the v1beta2 list when a
 * v1beta1 object carries one in `status.v1beta2` (it is richer), otherwise
 * `status.conditions`; undefined when neither exists.
 */
function clusterApiConditions(obj: KubeObject): Condition[] | undefined {
  const v1beta2 = at(obj, 'status', 'v1beta2');
  if (!isNil(at(v1beta2, 'conditions'))) {
    return conditionsOf({ status: v1beta2 });
  }
  if (!isNil(at(obj, 'status', 'conditions'))) return conditionsOf(obj);
  return undefined;
}

/** Cluster conditions that must be True; any other status is Degraded. */
const CLUSTER_REQUIRED = [
  'Available',
  'Ready',
  'RemoteConnectionProbe',
  'InfrastructureReady',
  'ControlPlaneInitialized',
  'ControlPlaneAvailable',
  'WorkersAvailable',
  'ControlPlaneMachinesReady',
];

/** Cluster conditions that mean work in flight unless they are False. */
const CLUSTER_ACTIVE_UNLESS_FALSE = [
  'RollingOut',
  'Remediating',
  'ScalingDown',
  'ScalingUp',
  'Deleting',
];

/** Cluster conditions that mean work in flight until they are True. */
const CLUSTER_ACTIVE_UNTIL_TRUE = [
  'WorkerMachinesReady',
  'ControlPlaneMachinesUpToDate',
  'WorkerMachinesUpToDate',
  'TopologyReconciled',
];

/**
 * Cluster API `Cluster` health. A paused cluster is Suspended. Otherwise the
 * first condition (in the order the controller lists them) that is off
 * decides: a required one makes the cluster Degraded, an in-flight one
 * Progressing, each with the condition's message. With nothing off, the
 * phase decides (Provisioned: Healthy, Failed: Degraded); any other phase is
 * Progressing.
 * @public
 */
export function clusterHealth(obj: KubeObject): ResourceHealth {
  const spec = at(obj, 'spec');
  if (isNil(spec)) return NO_SPEC;
  if (luaTruthy(at(spec, 'paused'))) {
    return { status: 'Suspended', message: 'Cluster is paused' };
  }
  for (const c of clusterApiConditions(obj) ?? []) {
    if (CLUSTER_REQUIRED.includes(c.type) && c.status !== 'True') {
      return { status: 'Degraded', message: c.message };
    }
    if (
      (CLUSTER_ACTIVE_UNLESS_FALSE.includes(c.type) && c.status !== 'False') ||
      (CLUSTER_ACTIVE_UNTIL_TRUE.includes(c.type) && c.status !== 'True')
    ) {
      return { status: 'Progressing', message: c.message };
    }
  }
  switch (at(obj, 'status', 'phase')) {
    case 'Provisioned':
      return { status: 'Healthy', message: 'Cluster is running' };
    case 'Failed':
      return { status: 'Degraded', message: '' };
    default:
      return { status: 'Progressing', message: 'Waiting for Cluster' };
  }
}

/**
 * Cluster API `Machine` health from its phase: Running is Healthy. Any other
 * phase (Failed is Degraded, the rest Progressing) shows the message of the
 * first `Ready` condition that is False, or "Condition is unknown".
 * @public
 */
export function machineHealth(obj: KubeObject): ResourceHealth {
  const phase = at(obj, 'status', 'phase');
  if (phase === 'Running') {
    return { status: 'Healthy', message: 'Machine is running' };
  }
  const notReady = conditionsOf(obj).find(
    c => c.type === 'Ready' && c.status === 'False',
  );
  return {
    status: phase === 'Failed' ? 'Degraded' : 'Progressing',
    message: notReady ? notReady.message : 'Condition is unknown',
  };
}

/** `MachineDeployment` phases and what Argo CD makes of them. */
const MACHINE_DEPLOYMENT_PHASES: Record<string, ResourceHealth> = {
  Running: {
    status: 'Healthy',
    message: 'Machines are running under this deployment',
  },
  ScalingUp: { status: 'Progressing', message: 'Cluster is spawning machines' },
  ScalingDown: {
    status: 'Progressing',
    message: 'Cluster is stopping machines',
  },
  Failed: { status: 'Degraded', message: 'MachineDeployment is failed' },
};

/**
 * Cluster API `MachineDeployment` health: paused is Suspended; otherwise the
 * phase decides, and an unknown or missing phase is Progressing.
 * @public
 */
export function machineDeploymentHealth(obj: KubeObject): ResourceHealth {
  const spec = at(obj, 'spec');
  if (isNil(spec)) return NO_SPEC;
  if (luaTruthy(at(spec, 'paused'))) {
    return { status: 'Suspended', message: 'MachineDeployment is paused' };
  }
  const phase = at(obj, 'status', 'phase');
  if (
    typeof phase === 'string' &&
    Object.prototype.hasOwnProperty.call(MACHINE_DEPLOYMENT_PHASES, phase)
  ) {
    return { ...MACHINE_DEPLOYMENT_PHASES[phase] };
  }
  return { status: 'Progressing', message: 'Waiting for machines' };
}

/**
 * Cluster API `MachineHealthCheck` health: Progressing until the controller
 * counts healthy machines, then Healthy when every expected machine is
 * healthy and Degraded otherwise. No message, as in Argo CD.
 * @public
 */
export function machineHealthCheckHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const healthy = at(status, 'currentHealthy');
  if (isNil(healthy)) return { status: 'Progressing', message: '' };
  return {
    status: at(status, 'expectedMachines') === healthy ? 'Healthy' : 'Degraded',
    message: '',
  };
}

/**
 * Cluster API `MachinePool` health from its phase (Running and Scaling are
 * Healthy, Failed and Unknown Degraded, others Progressing), with the phase
 * in the message and every False condition listed after it, as
 * "MachinePool is Provisioning: Not Ready (WaitingForInfrastructure)".
 * @public
 */
export function machinePoolHealth(obj: KubeObject): ResourceHealth {
  const health: ResourceHealth = { status: 'Progressing', message: '' };
  const phase = at(obj, 'status', 'phase');
  if (typeof phase === 'string') {
    health.message = `MachinePool is ${phase}`;
    if (phase === 'Running' || phase === 'Scaling') health.status = 'Healthy';
    if (phase === 'Failed' || phase === 'Unknown') health.status = 'Degraded';
  }
  // Read the raw list: a condition counts only when it names a type, and a
  // missing reason is left out rather than shown empty.
  const notTrue = list(at(obj, 'status', 'conditions'))
    .map(record)
    .filter(c => !isNil(c.type) && c.status === 'False')
    .map(c => `Not ${c.type}${isNil(c.reason) ? '' : ` (${c.reason})`}`);
  if (notTrue.length > 0) {
    health.message = `${health.message}: ${notTrue.join(', ')}`;
  }
  return health;
}

/**
 * Cluster API `ClusterResourceSet` health from the first `ResourcesApplied`
 * condition: True is Healthy, False Degraded with its message; without one
 * the set is still initializing.
 * @public
 */
export function clusterResourceSetHealth(obj: KubeObject): ResourceHealth {
  const applied = conditionsOf(obj).find(
    c =>
      c.type === 'ResourcesApplied' &&
      (c.status === 'True' || c.status === 'False'),
  );
  if (applied?.status === 'True') {
    return { status: 'Healthy', message: 'cluster resource set is applied' };
  }
  if (applied) return { status: 'Degraded', message: applied.message };
  return {
    status: 'Progressing',
    message: 'Initializing cluster resource set',
  };
}

/** A count Argo CD's script reads with `or 0`. */
const countOf = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Lua's `%d`, which drops a fraction. */
const d = (value: number) => String(Math.trunc(value));

/** KubeadmControlPlane conditions that, when not True, mean work in flight. */
const KCP_IN_FLIGHT: ReadonlyArray<{
  v1beta2: boolean;
  type: string;
  message: string;
}> = [
  { v1beta2: true, type: 'MachinesReady', message: 'Machines not ready' },
  { v1beta2: true, type: 'MachinesUpToDate', message: 'Updating machines' },
  {
    v1beta2: false,
    type: 'ControlPlaneComponentsHealthy',
    message: 'Control plane components unhealthy',
  },
];

/**
 * Cluster API `KubeadmControlPlane` health. An etcd cluster that is not
 * healthy makes it Degraded; machines not ready or not up to date, unhealthy
 * control plane components or a rollout make it Progressing; so do replica
 * counts still converging ("Updating: 2/3 updated, 2 ready", "1/3 ready").
 * Legacy conditions are read from `status.conditions`, v1beta2 ones from
 * `status.v1beta2.conditions`.
 * @public
 */
export function kubeadmControlPlaneHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    return {
      status: 'Progressing',
      message: 'Waiting for KubeadmControlPlane status',
    };
  }
  const legacy = conditionsOf(obj);
  const v1beta2 = conditionsOf({ status: at(status, 'v1beta2') });
  const etcd = findCondition(legacy, 'EtcdClusterHealthy');
  if (etcd && etcd.status !== 'True') {
    return { status: 'Degraded', message: 'Etcd cluster is unhealthy' };
  }
  for (const check of KCP_IN_FLIGHT) {
    const c = findCondition(check.v1beta2 ? v1beta2 : legacy, check.type);
    if (c && c.status !== 'True') {
      return { status: 'Progressing', message: check.message };
    }
  }
  if (findCondition(v1beta2, 'RollingOut')?.status === 'True') {
    return { status: 'Progressing', message: 'Rolling out' };
  }
  const replicas = countOf(at(status, 'replicas'));
  const updated = countOf(at(status, 'updatedReplicas'));
  const ready = countOf(at(status, 'readyReplicas'));
  if (replicas > 0 && updated < replicas) {
    return {
      status: 'Progressing',
      message: `Updating: ${d(updated)}/${d(replicas)} updated, ${d(
        ready,
      )} ready`,
    };
  }
  if (replicas !== ready) {
    return {
      status: 'Progressing',
      message: `${d(ready)}/${d(replicas)} ready`,
    };
  }
  return { status: 'Healthy', message: 'Control plane is healthy' };
}

/**
 * Cluster API AWS provider `AWSManagedControlPlane` (EKS) health.
 * `status.failureMessage` is terminal: Degraded with that message. An
 * in-place EKS update keeps Ready True, so `EKSControlPlaneUpdating` is read
 * first. Then a True `Ready` condition is Healthy; otherwise False conditions
 * of severity Error make it Degraded with their messages joined (each
 * followed by a space), and the rest is Progressing.
 * @public
 */
export function awsManagedControlPlaneHealth(obj: KubeObject): ResourceHealth {
  const provisioning: ResourceHealth = {
    status: 'Progressing',
    message: 'Provisioning...',
  };
  const status = at(obj, 'status');
  if (isNil(status)) return provisioning;
  const failure = at(status, 'failureMessage');
  if (!isNil(failure) && failure !== '') {
    return { status: 'Degraded', message: String(failure) };
  }
  if (isNil(at(status, 'conditions'))) return provisioning;
  const conditions = list(at(status, 'conditions')).map(record);
  if (
    conditions.some(
      c => c.type === 'EKSControlPlaneUpdating' && c.status === 'True',
    )
  ) {
    return { status: 'Progressing', message: 'EKS control plane is updating' };
  }
  let errors: string | undefined;
  for (const c of conditions) {
    // A True Ready wins even over errors reported before it.
    if (c.type === 'Ready' && c.status === 'True') {
      return { status: 'Healthy', message: 'Control plane is ready' };
    }
    if (c.status === 'False' && c.severity === 'Error') {
      if (isNil(c.message)) {
        // Argo CD's script fails concatenating the missing message.
        return {
          status: 'Unknown',
          message: 'health check failed: an Error condition has no message',
        };
      }
      errors = `${errors ?? ''}${c.message} `;
    }
  }
  if (errors !== undefined) return { status: 'Degraded', message: errors };
  if (at(status, 'ready') === false) {
    return {
      status: 'Progressing',
      message: 'Control plane is not ready (.status.ready is false)',
    };
  }
  return { status: 'Progressing', message: 'Control plane is not ready' };
}

/**
 * Argo CD's bundled Cluster API health checks, keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const clusterApiHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'cluster.x-k8s.io/Cluster': clusterHealth,
  'cluster.x-k8s.io/Machine': machineHealth,
  'cluster.x-k8s.io/MachineDeployment': machineDeploymentHealth,
  'cluster.x-k8s.io/MachineHealthCheck': machineHealthCheckHealth,
  'cluster.x-k8s.io/MachinePool': machinePoolHealth,
  'addons.cluster.x-k8s.io/ClusterResourceSet': clusterResourceSetHealth,
  'controlplane.cluster.x-k8s.io/KubeadmControlPlane':
    kubeadmControlPlaneHealth,
  'controlplane.cluster.x-k8s.io/AWSManagedControlPlane':
    awsManagedControlPlaneHealth,
};
