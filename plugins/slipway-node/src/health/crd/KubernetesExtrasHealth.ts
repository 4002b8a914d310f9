import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record, rawConditionsOf } from '../fields';
import { scriptFailure } from './luaValues';

/** The CRD conditions the verdict depends on. */
type CrdSignal =
  | 'Terminating'
  | 'NamesNotAccepted'
  | 'Established'
  | 'NonStructuralSchema';

/** Which signal a condition raises, if any. */
function crdSignal(type: unknown, status: unknown): CrdSignal | undefined {
  if (type === 'Terminating' && status === 'True') return 'Terminating';
  if (type === 'NamesAccepted' && status === 'False') return 'NamesNotAccepted';
  if (type === 'Established' && status === 'True') return 'Established';
  if (type === 'NonStructuralSchema' && status === 'True') {
    return 'NonStructuralSchema';
  }
  return undefined;
}

/**
 * `CustomResourceDefinition` health. A CRD being deleted or torn down
 * (Terminating) is Progressing; names the API server refused, a CRD that is not Established
 * or a non-structural schema are Degraded; otherwise Healthy. Without
 * conditions it is Progressing.
 *
 * The message quotes one condition only: the last one, in list order, that
 * raised any of the four signals (so a Terminating CRD that is also
 * Established quotes the Established message), exactly as Argo CD does.
 * @public
 */
export function customResourceDefinitionHealth(
  obj: KubeObject,
): ResourceHealth {
  // Reached only where the controller's "Pending deletion" does not come first.
  if (!isNil(obj.metadata?.deletionTimestamp)) {
    return { status: 'Progressing', message: 'CRD is terminating' };
  }
  const status = at(obj, 'status');
  if (isNil(status)) {
    return scriptFailure('CustomResourceDefinition has no status');
  }
  const conditions = list(at(status, 'conditions'));
  if (conditions.length === 0) {
    return { status: 'Progressing', message: 'Status conditions not found' };
  }
  const raised = new Set<CrdSignal>();
  // Starts as '' and takes the raw message of each signalling condition,
  // which may be absent.
  let quoted: unknown = '';
  for (const c of conditions.map(record)) {
    const signal = crdSignal(c.type, c.status);
    if (signal) {
      raised.add(signal);
      quoted = c.message;
    }
  }
  const withQuote = (
    health: ResourceHealth['status'],
    prefix: string,
  ): ResourceHealth =>
    typeof quoted === 'string'
      ? { status: health, message: `${prefix}${quoted}` }
      : scriptFailure(`${prefix}the condition has no message`);

  if (raised.has('Terminating')) {
    return withQuote('Progressing', 'CRD is terminating: ');
  }
  if (raised.has('NamesNotAccepted')) {
    return withQuote('Degraded', 'CRD names have not been accepted: ');
  }
  if (!raised.has('Established')) {
    return { status: 'Degraded', message: 'CRD is not established' };
  }
  if (raised.has('NonStructuralSchema')) {
    return withQuote('Degraded', 'Schema violations found: ');
  }
  return { status: 'Healthy', message: 'CRD is healthy' };
}

/**
 * `PodDisruptionBudget` health from its conditions, whatever their type: a
 * False condition is Degraded, except with reason InsufficientPods (a budget
 * that blocks evictions is often intended: argoproj/argo-cd#20171), which
 * counts as Healthy like any other condition; the last condition names the
 * reason. Without conditions the budget is Progressing.
 * @public
 */
export function podDisruptionBudgetHealth(obj: KubeObject): ResourceHealth {
  let health: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for status',
  };
  for (const c of rawConditionsOf(obj)) {
    const degraded = c.status === 'False' && c.reason !== 'InsufficientPods';
    if (typeof c.reason !== 'string') {
      return scriptFailure('PodDisruptionBudget condition has no reason');
    }
    const message = `PodDisruptionBudget has ${c.reason}`;
    if (degraded) return { status: 'Degraded', message };
    health = { status: 'Healthy', message };
  }
  return health;
}

/**
 * Argo CD's bundled checks for Kubernetes API kinds that are not built into
 * its health code, keyed as its resource_customizations folders are named.
 * @public
 */
export const kubernetesExtrasHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'apiextensions.k8s.io/CustomResourceDefinition':
    customResourceDefinitionHealth,
  'policy/PodDisruptionBudget': podDisruptionBudgetHealth,
};
