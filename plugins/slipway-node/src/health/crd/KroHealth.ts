import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, withMessage } from './luaValues';

type RawCondition = Record<string, any>;

const noStatusYet: ResourceHealth = {
  status: 'Progressing',
  message: 'Waiting for KRO to report status',
};

/** True until kro has written `status.conditions` at all. */
function unreported(obj: KubeObject): boolean {
  return isNil(at(obj, 'status')) || isNil(at(obj, 'status', 'conditions'));
}

/**
 * The conditions kro wrote for the object's current generation, in order.
 * Conditions without an observed generation, or objects without a
 * generation, give nothing to go on: they are left out.
 */
function currentConditions(obj: KubeObject): RawCondition[] {
  const generation = at(obj, 'metadata', 'generation');
  if (isNil(generation)) return [];
  return rawConditionsOf(obj).filter(
    c =>
      !isNil(c.observedGeneration) &&
      luaEquals(c.observedGeneration, generation),
  );
}

/**
 * A false condition's message, or "<type> <suffix>" when it has none (Lua's
 * `message or ...`: an empty message is still a message).
 */
function falseConditionMessage(c: RawCondition, suffix: string): unknown {
  return isNil(c.message) || c.message === false
    ? `${c.type} ${suffix}`
    : c.message;
}

/** The conditions a `ResourceGraphDefinition` reports its lifecycle with. */
const GRAPH_CONDITIONS: ReadonlySet<unknown> = new Set([
  'GraphRevisionsResolved',
  'GraphAccepted',
  'KindReady',
  'ControllerReady',
  'Ready',
]);

/**
 * kro `ResourceGraphDefinition` health. Only conditions of the current
 * generation count, first one first: Ready True is Healthy; any lifecycle
 * condition that is False is Degraded with its message.
 * @public
 */
export function resourceGraphDefinitionHealth(obj: KubeObject): ResourceHealth {
  if (unreported(obj)) return noStatusYet;
  for (const c of currentConditions(obj)) {
    if (c.type === 'Ready' && c.status === 'True') {
      return {
        status: 'Healthy',
        message: 'ResourceGraphDefinition is active and serving instances',
      };
    }
    if (GRAPH_CONDITIONS.has(c.type) && c.status === 'False') {
      return withMessage('Degraded', falseConditionMessage(c, 'is False'));
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for ResourceGraphDefinition to become ready',
  };
}

/** The conditions kro reports on every instance of a graph. */
const INSTANCE_CONDITIONS: ReadonlySet<unknown> = new Set([
  'InstanceManaged',
  'GraphResolved',
  'ResourcesReady',
  'Ready',
]);

/**
 * Health of an instance of a kro graph (any other kind in `kro.run`). Only
 * conditions of the current generation count, first one first: Ready True
 * is Healthy. A False condition is judged by the instance's `status.state`:
 * FAILED or ERROR is Degraded, IN_PROGRESS is Progressing, both with the
 * condition's message; in any other state it does not decide.
 * @public
 */
export function kroInstanceHealth(obj: KubeObject): ResourceHealth {
  if (unreported(obj)) return noStatusYet;
  const state = at(obj, 'status', 'state');
  for (const c of currentConditions(obj)) {
    if (c.type === 'Ready' && c.status === 'True') {
      return { status: 'Healthy', message: 'Instance is active and running' };
    }
    if (!INSTANCE_CONDITIONS.has(c.type) || c.status !== 'False') continue;
    if (state === 'FAILED' || state === 'ERROR') {
      return withMessage('Degraded', falseConditionMessage(c, 'is False'));
    }
    if (state === 'IN_PROGRESS') {
      return withMessage(
        'Progressing',
        falseConditionMessage(c, 'is in progress'),
      );
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for instance to become ready',
  };
}

/**
 * kro health checks, keyed as Argo CD's `resource_customizations` folders
 * are: graph definitions by name, their instances by the `_` wildcard.
 * @public
 */
export const kroHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'kro.run/ResourceGraphDefinition': resourceGraphDefinitionHealth,
  'kro.run/_': kroInstanceHealth,
};
