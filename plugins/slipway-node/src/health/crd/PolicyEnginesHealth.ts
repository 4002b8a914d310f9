import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record, rawConditionsOf } from '../fields';
import { luaEquals, luaTruthy, withMessage } from './luaValues';

const WAITING_FOR_STATUS = 'Waiting for the status to be reported';
const WAITING_FOR_UPDATE = 'Waiting for the status to be updated';

/**
 * Kyverno `ClusterPolicy` health from its first `Ready` condition: True is
 * Healthy, anything else Degraded, with the condition's message; none yet is
 * Progressing.
 * @public
 */
export function kyvernoClusterPolicyHealth(obj: KubeObject): ResourceHealth {
  const ready = rawConditionsOf(obj).find(c => c.type === 'Ready');
  if (!ready) {
    return {
      status: 'Progressing',
      message: 'Waiting for ClusterPolicy to become ready',
    };
  }
  return withMessage(
    ready.status === 'True' ? 'Healthy' : 'Degraded',
    ready.message,
  );
}

/**
 * Kyverno `Policy` health: Healthy only once Kyverno reports the policy
 * loaded (Ready True, reason Succeeded, message "Ready"); until then, and
 * also when loading failed, Progressing.
 * @public
 */
export function kyvernoPolicyHealth(obj: KubeObject): ResourceHealth {
  const loaded = rawConditionsOf(obj).some(
    c =>
      c.type === 'Ready' &&
      c.status === 'True' &&
      c.reason === 'Succeeded' &&
      c.message === 'Ready',
  );
  return loaded
    ? { status: 'Healthy', message: 'Policy is ready' }
    : { status: 'Progressing', message: 'Waiting for Policy to be ready' };
}

/**
 * Open Cluster Management `CertificatePolicy` health from `status.compliant`.
 * @public
 */
export function certificatePolicyHealth(obj: KubeObject): ResourceHealth {
  const compliant = at(obj, 'status', 'compliant');
  if (isNil(compliant)) {
    return { status: 'Progressing', message: WAITING_FOR_STATUS };
  }
  return compliant === 'Compliant'
    ? {
        status: 'Healthy',
        message: 'All certificates found comply with the policy',
      }
    : {
        // Upstream's wording, typo included.
        status: 'Degraded',
        message: 'At least once certificate does not comply with the policy',
      };
}

/**
 * Open Cluster Management `ConfigurationPolicy` health: `status.compliant`
 * once the status describes the current generation, explained by every
 * condition of every compliancy detail ("type - message", joined by "; ").
 * @public
 */
export function configurationPolicyHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(at(status, 'compliant'))) {
    return { status: 'Progressing', message: WAITING_FOR_STATUS };
  }
  if (
    !luaEquals(at(status, 'lastEvaluatedGeneration'), obj.metadata?.generation)
  ) {
    return { status: 'Progressing', message: WAITING_FOR_UPDATE };
  }
  const details = at(status, 'compliancyDetails');
  if (isNil(details)) {
    return { status: 'Progressing', message: 'Waiting for compliance' };
  }
  const messages: string[] = [];
  for (const detail of list(details)) {
    for (const c of list(at(detail, 'conditions')).map(record)) {
      if (!isNil(c.message) && !isNil(c.type)) {
        messages.push(`${c.type} - ${c.message}`);
      }
    }
  }
  return {
    status: at(status, 'compliant') === 'Compliant' ? 'Healthy' : 'Degraded',
    message: messages.join('; '),
  };
}

/**
 * Open Cluster Management `OperatorPolicy` health from its first `Compliant`
 * condition, once the status describes the current generation.
 * @public
 */
export function operatorPolicyHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status) || isNil(at(status, 'conditions'))) {
    return { status: 'Progressing', message: WAITING_FOR_STATUS };
  }
  const observed = at(status, 'observedGeneration');
  if (!isNil(observed) && !luaEquals(observed, obj.metadata?.generation)) {
    return { status: 'Progressing', message: WAITING_FOR_UPDATE };
  }
  const compliant = rawConditionsOf(obj).find(c => c.type === 'Compliant');
  if (!compliant) {
    return {
      status: 'Progressing',
      message: 'Waiting for the compliance condition',
    };
  }
  return withMessage(
    compliant.status === 'True' ? 'Healthy' : 'Degraded',
    compliant.message,
  );
}

/**
 * The names of the non-compliant entries. Entries without a name add
 * nothing, as inserting nil into a Lua list does.
 */
function nonCompliantNames(entries: unknown, name: (e: any) => unknown) {
  return list(entries)
    .filter(e => at(e, 'compliant') !== 'Compliant')
    .map(name)
    .filter((n): n is string => typeof n === 'string');
}

/** Lua truthiness: everything but nil and false. */
/**
 * Open Cluster Management `Policy` health. A disabled policy is Healthy; a
 * root policy placed on no cluster has no compliance and is Healthy too.
 * Otherwise `status.compliant` decides, naming the non-compliant clusters
 * (root policy) or templates (policy replicated to a cluster).
 * @public
 */
export function ocmPolicyHealth(obj: KubeObject): ResourceHealth {
  if (luaTruthy(at(obj, 'spec', 'disabled'))) {
    return { status: 'Healthy', message: 'Policy is disabled' };
  }
  const status = at(obj, 'status');
  if (isNil(status)) {
    return { status: 'Progressing', message: WAITING_FOR_STATUS };
  }
  const compliant = at(status, 'compliant');
  const clusters = at(status, 'status');
  if (
    isNil(compliant) &&
    isNil(clusters) &&
    list(at(status, 'placement')).length > 0
  ) {
    return { status: 'Healthy', message: 'No clusters match this policy' };
  }
  if (isNil(compliant)) {
    return { status: 'Progressing', message: WAITING_FOR_STATUS };
  }
  const verdict = compliant === 'Compliant' ? 'Healthy' : 'Degraded';
  const details = at(status, 'details');
  if (!isNil(clusters)) {
    const names = nonCompliantNames(clusters, e => at(e, 'clustername'));
    return {
      status: verdict,
      message:
        names.length === 0
          ? 'All clusters are compliant'
          : `NonCompliant clusters: ${names.join(', ')}`,
    };
  }
  if (!isNil(details)) {
    const names = nonCompliantNames(details, e =>
      at(e, 'templateMeta', 'name'),
    );
    return {
      status: verdict,
      message:
        names.length === 0
          ? 'All templates are compliant'
          : `NonCompliant templates: ${names.join(', ')}`,
    };
  }
  return { status: verdict };
}

/**
 * Slipway's checks for policy engines (Kyverno, Open Cluster Management),
 * keyed as Argo CD's resource_customizations folders are named.
 * @public
 */
export const policyEnginesHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'kyverno.io/ClusterPolicy': kyvernoClusterPolicyHealth,
    'kyverno.io/Policy': kyvernoPolicyHealth,
    'policy.open-cluster-management.io/CertificatePolicy':
      certificatePolicyHealth,
    'policy.open-cluster-management.io/ConfigurationPolicy':
      configurationPolicyHealth,
    'policy.open-cluster-management.io/OperatorPolicy': operatorPolicyHealth,
    'policy.open-cluster-management.io/Policy': ocmPolicyHealth,
  };
