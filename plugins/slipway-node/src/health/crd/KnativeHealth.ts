import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, conditionsOf, isNil, list, record } from '../fields';

/** What Argo CD shows until a Knative-style object reports conditions. */
const WAITING = 'Waiting for status update.';

/** How many conditions are good, bad and undecided, and what the others say. */
export interface ConditionTally {
  /** Conditions of the counted types whose status is True. */
  ready: number;
  /** Conditions (of any type) whose status is False. */
  failed: number;
  /** Conditions (of any type) whose status is Unknown. */
  unknown: number;
  /** One line per False/Unknown condition: "Type is Status, since Reason. Message". */
  message: string;
}

/**
 * Tallies `status.conditions` the way Argo CD's Knative and KServe checks do:
 * True counts only for the given types, while every False or Unknown
 * condition counts and adds a line (ending in a newline) that explains it.
 * Undefined when the object has no conditions yet.
 */
export function tallyConditions(
  obj: KubeObject,
  readyTypes: readonly string[],
): ConditionTally | undefined {
  if (isNil(at(obj, 'status', 'conditions'))) return undefined;
  const tally: ConditionTally = {
    ready: 0,
    failed: 0,
    unknown: 0,
    message: '',
  };
  for (const c of conditionsOf(obj)) {
    if (c.status === 'True' && readyTypes.includes(c.type)) {
      tally.ready++;
    } else if (c.status === 'False' || c.status === 'Unknown') {
      let line = `${c.type} is ${c.status}`;
      if (c.reason !== '') line += `, since ${c.reason}.`;
      if (c.message !== '') line += ` ${c.message}`;
      tally.message += `${line}\n`;
      if (c.status === 'False') tally.failed++;
      else tally.unknown++;
    }
  }
  return tally;
}

/**
 * The verdict on a tally: Healthy (with `healthyMessage`) when enough
 * conditions are ready and none failed or is undecided; otherwise Degraded
 * if any failed, else Progressing, both explained by the tally's lines.
 */
export function tallyHealth(
  tally: ConditionTally | undefined,
  enoughReady: (ready: number) => boolean,
  healthyMessage: string,
): ResourceHealth {
  if (!tally) return { status: 'Progressing', message: WAITING };
  if (enoughReady(tally.ready) && tally.failed === 0 && tally.unknown === 0) {
    return { status: 'Healthy', message: healthyMessage };
  }
  return {
    status: tally.failed > 0 ? 'Degraded' : 'Progressing',
    message: tally.message,
  };
}

/**
 * Knative Serving `Service` health: Healthy once its three readiness
 * conditions (ConfigurationsReady, RoutesReady, Ready) are True and nothing
 * is False or Unknown; a False condition makes it Degraded.
 * @public
 */
export function knativeServiceHealth(obj: KubeObject): ResourceHealth {
  return tallyHealth(
    tallyConditions(obj, ['ConfigurationsReady', 'RoutesReady', 'Ready']),
    ready => ready === 3,
    'Knative Service is healthy.',
  );
}

/**
 * The first `Ready` condition as the controller wrote it, fields not
 * defaulted: these checks fall back on `reason` only when `message` is
 * absent, not when it is empty.
 */
function rawReadyCondition(obj: KubeObject): Record<string, any> | undefined {
  return list(at(obj, 'status', 'conditions'))
    .map(record)
    .find(c => c.type === 'Ready');
}

/** The first of the values that is text, as Lua's `a or b` picks. */
function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string');
}

/**
 * Knative Eventing health from the aggregate `Ready` condition (the Knative
 * duck type): True is Healthy, False Degraded, anything else Progressing;
 * the condition's message, else its reason, explains it.
 */
function eventingReadyHealth(obj: KubeObject, kind: string): ResourceHealth {
  const ready = rawReadyCondition(obj);
  if (!ready) return { status: 'Progressing', message: WAITING };
  if (ready.status === 'True') {
    return {
      status: 'Healthy',
      message: firstText(ready.message, `${kind} is ready`),
    };
  }
  if (ready.status === 'False') {
    return {
      status: 'Degraded',
      message: firstText(ready.message, ready.reason, `${kind} is not ready`),
    };
  }
  return {
    status: 'Progressing',
    message: firstText(ready.message, ready.reason, WAITING),
  };
}

/** Knative Eventing `Broker` health from its `Ready` condition. @public */
export function knativeBrokerHealth(obj: KubeObject): ResourceHealth {
  return eventingReadyHealth(obj, 'Broker');
}

/** Knative Eventing `Trigger` health from its `Ready` condition. @public */
export function knativeTriggerHealth(obj: KubeObject): ResourceHealth {
  return eventingReadyHealth(obj, 'Trigger');
}

/**
 * Slipway's checks for Knative kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const knativeHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'serving.knative.dev/Service': knativeServiceHealth,
  'eventing.knative.dev/Broker': knativeBrokerHealth,
  'eventing.knative.dev/Trigger': knativeTriggerHealth,
};
