import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf, record } from '../fields';
import { luaItems, luaText, scriptFailure, withMessage } from './luaValues';

/** Which conditions of a Knative operator install count, and how. */
interface InstallRule {
  /** The custom resource's kind, as the messages name it. */
  kind: string;
  /** Condition types whose status True counts as done. */
  doneTypes: readonly string[];
  /** Condition types whose status False counts as still working. */
  workingTypes: readonly string[];
}

/**
 * Knative operator install health (`KnativeServing`, `KnativeEventing`).
 * Every condition goes into a numbered list ("1: Ready | True"). Any
 * Unknown condition, or a False one of the working types, means the
 * operator is still at work (Progressing); all done types True is Healthy;
 * anything else (another False condition, a status word the script does not
 * know, a done type counted twice) is Degraded. Both unready verdicts show
 * the list.
 */
function knativeInstallHealth(
  obj: KubeObject,
  rule: InstallRule,
): ResourceHealth {
  const conditions = at(obj, 'status', 'conditions');
  if (isNil(conditions)) {
    return { status: 'Progressing', message: `Waiting for ${rule.kind}` };
  }
  let done = 0;
  let working = 0;
  let summary = '';
  // Argo CD leaves null items out of the Lua table it hands the script, so
  // they are neither listed nor numbered.
  const items = luaItems(conditions);
  for (const [index, item] of items.entries()) {
    const c = record(item);
    const type = luaText(c.type);
    const status = luaText(c.status);
    // Lua cannot join a missing (or non-text) type or status into the list.
    if (type === undefined || status === undefined) {
      return scriptFailure('a condition has no type or status');
    }
    summary += `${index + 1}: ${type} | ${status}\n`;
    if (status === 'True' && rule.doneTypes.includes(type)) done++;
    else if (status === 'False' && rule.workingTypes.includes(type)) working++;
    else if (status === 'Unknown') working++;
  }
  if (working > 0) return { status: 'Progressing', message: summary };
  if (done === rule.doneTypes.length) {
    return { status: 'Healthy', message: `${rule.kind} is healthy.` };
  }
  return { status: 'Degraded', message: summary };
}

/**
 * Knative operator `KnativeEventing` health: Healthy once InstallSucceeded
 * and Ready are True; a False Ready or any Unknown condition is Progressing.
 * @public
 */
export function knativeEventingHealth(obj: KubeObject): ResourceHealth {
  return knativeInstallHealth(obj, {
    kind: 'KnativeEventing',
    doneTypes: ['Ready', 'InstallSucceeded'],
    workingTypes: ['Ready'],
  });
}

/**
 * Knative operator `KnativeServing` health: Healthy once Ready,
 * InstallSucceeded, DependenciesInstalled and DeploymentsAvailable are True;
 * unavailable deployments or any Unknown condition are Progressing.
 * @public
 */
export function knativeServingHealth(obj: KubeObject): ResourceHealth {
  return knativeInstallHealth(obj, {
    kind: 'KnativeServing',
    doneTypes: [
      'Ready',
      'InstallSucceeded',
      'DependenciesInstalled',
      'DeploymentsAvailable',
    ],
    workingTypes: ['DeploymentsAvailable'],
  });
}

/**
 * OpenShift `IngressController` health from the first condition, in list
 * order, that says something: Degraded True is Degraded; router replicas
 * not all available, or Progressing True (explained by its reason), is
 * Progressing; Available True is Healthy. Until one does, the state is not
 * known yet.
 * @public
 */
export function ingressControllerHealth(obj: KubeObject): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.type === 'Degraded' && c.status === 'True') {
      return withMessage('Degraded', c.message);
    }
    if (c.type === 'DeploymentReplicasAllAvailable' && c.status === 'False') {
      return withMessage('Progressing', c.message);
    }
    if (c.type === 'Progressing' && c.status === 'True') {
      return withMessage('Progressing', c.reason);
    }
    if (c.type === 'Available' && c.status === 'True') {
      return { status: 'Healthy', message: 'IngressController is available' };
    }
  }
  return {
    status: 'Progressing',
    message: 'Status of IngressController is not known yet',
  };
}

/**
 * Slipway's checks for platform operators (the Knative operator, the
 * OpenShift ingress operator), keyed as Argo CD's resource_customizations
 * folders are named.
 * @public
 */
export const platformOperatorsHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'operator.knative.dev/KnativeEventing': knativeEventingHealth,
  'operator.knative.dev/KnativeServing': knativeServingHealth,
  'operator.openshift.io/IngressController': ingressControllerHealth,
};
