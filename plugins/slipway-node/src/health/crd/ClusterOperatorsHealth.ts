import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, luaText, scriptFailure, withMessage } from './luaValues';

/** Lua's `a or b or ...`: the first value that is neither nil nor false. */
function luaOr(...values: unknown[]): unknown {
  return values.find(v => !isNil(v) && v !== false);
}

/**
 * Calico `Installation` health (Tigera operator). A true `Degraded`
 * condition wins, with its message or reason. A true `Available` condition
 * is Healthy, unless it was written for an older generation of the spec:
 * then the operator is still rolling out the latest change.
 * @public
 */
export function calicoInstallationHealth(obj: KubeObject): ResourceHealth {
  const conditions = rawConditionsOf(obj);
  const degraded = conditions.find(
    c => c.type === 'Degraded' && c.status === 'True',
  );
  if (degraded) {
    return withMessage(
      'Degraded',
      luaOr(degraded.message, degraded.reason, 'Installation is degraded'),
    );
  }
  const available = conditions.find(
    c => c.type === 'Available' && c.status === 'True',
  );
  if (!available) {
    return {
      status: 'Progressing',
      message: 'Waiting for Installation to become available',
    };
  }
  const generation = at(obj, 'metadata', 'generation');
  const observed = available.observedGeneration;
  if (
    !isNil(generation) &&
    !isNil(observed) &&
    !luaEquals(observed, generation)
  ) {
    return {
      status: 'Progressing',
      message:
        'Waiting for Installation status to observe the current generation',
    };
  }
  return withMessage(
    'Healthy',
    luaOr(available.message, 'All Calico components are available'),
  );
}

/**
 * trust-manager `Bundle` health from its `Synced` condition: True is
 * Healthy, any other status Degraded (a missing source, say), each with the
 * condition's message; until it is reported the bundle waits.
 * @public
 */
export function trustBundleHealth(obj: KubeObject): ResourceHealth {
  const synced = rawConditionsOf(obj).find(c => c.type === 'Synced');
  if (!synced) {
    return {
      status: 'Progressing',
      message: 'Waiting for Bundle to be synced',
    };
  }
  if (synced.status === 'True') {
    return withMessage('Healthy', luaOr(synced.message, 'Bundle is synced'));
  }
  return withMessage(
    'Degraded',
    luaOr(synced.message, synced.reason, 'Bundle is not synced'),
  );
}

/**
 * What the VictoriaMetrics operator's `updateStatus` values mean, with the
 * message used when the operator gave no `reason`.
 */
const VICTORIA_METRICS_STATES: ReadonlyMap<
  unknown,
  readonly [HealthStatusCode, string]
> = new Map([
  ['expanding', ['Progressing', 'Reconciliation in progress']],
  ['paused', ['Suspended', 'Reconciliation is paused']],
  ['failed', ['Degraded', 'Reconciliation failed']],
] as const);

/**
 * Health of every VictoriaMetrics operator resource (VMSingle, VMAgent,
 * VMCluster, VLCluster, ...) from `status.updateStatus`: operational is
 * Healthy; expanding, paused and failed are Progressing, Suspended and
 * Degraded, with the operator's `reason` when it gave one. Until the
 * operator has observed the current generation the resource waits.
 * @public
 */
export function victoriaMetricsHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for the operator to reconcile',
  };
  const status = at(obj, 'status');
  if (isNil(status)) return waiting;
  const generation = at(obj, 'metadata', 'generation');
  const observed = at(status, 'observedGeneration');
  if (
    !isNil(generation) &&
    !isNil(observed) &&
    !luaEquals(observed, generation)
  ) {
    return waiting;
  }
  const update = at(status, 'updateStatus');
  if (update === 'operational') {
    return { status: 'Healthy', message: 'All components are operational' };
  }
  const state = VICTORIA_METRICS_STATES.get(update);
  if (!state) {
    return {
      status: 'Progressing',
      message: 'Waiting for the operator to report status',
    };
  }
  const reason = luaOr(at(status, 'reason'), '');
  return withMessage(state[0], reason !== '' ? reason : state[1]);
}

/** How each AnsibleJob result status counts. */
const ANSIBLE_JOB_STATES: ReadonlyMap<unknown, HealthStatusCode> = new Map([
  ['successful', 'Healthy'],
  ['failed', 'Degraded'],
  ['error', 'Degraded'],
  ['canceled', 'Degraded'],
  ['new', 'Progressing'],
  ['pending', 'Progressing'],
  ['waiting', 'Progressing'],
  ['running', 'Progressing'],
] as const);

/**
 * Ansible Automation Platform `AnsibleJob` health from the job's result
 * status, with a message naming the status and the job's URL in the
 * controller.
 * @public
 */
export function ansibleJobHealth(obj: KubeObject): ResourceHealth {
  const result = at(obj, 'status', 'ansibleJobResult');
  const jobStatus = at(result, 'status');
  const health = ANSIBLE_JOB_STATES.get(jobStatus);
  if (!health) {
    return { status: 'Progressing', message: 'Waiting for AnsibleJob' };
  }
  const url = luaText(at(result, 'url'));
  // Argo CD's script fails joining a missing URL into the message.
  if (url === undefined)
    return scriptFailure('the AnsibleJob result has no url');
  return { status: health, message: `${jobStatus} job - ${url}` };
}

/**
 * Health checks of cluster-level operators (Calico, trust-manager,
 * VictoriaMetrics, Ansible Automation Platform), keyed as Argo CD's
 * `resource_customizations` folders are.
 * @public
 */
export const clusterOperatorsHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'operator.tigera.io/Installation': calicoInstallationHealth,
  'trust.cert-manager.io/Bundle': trustBundleHealth,
  'operator.victoriametrics.com/_': victoriaMetricsHealth,
  'tower.ansible.com/AnsibleJob': ansibleJobHealth,
};
