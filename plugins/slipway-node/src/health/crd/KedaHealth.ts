import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { rawConditionsOf } from '../fields';

/** A condition `type` with a `status`, as KEDA writes them. */
type ConditionState = readonly [type: string, status: string];

/** How one KEDA kind reads its conditions. */
interface KedaRule {
  /** Conditions that make the object Degraded. */
  degradedWhen: readonly ConditionState[];
  /** Message while the controller has not said Ready yet. */
  waitingMessage: string;
}

const matches = (
  states: readonly ConditionState[],
  c: Record<string, any>,
): boolean =>
  states.some(([type, status]) => c.type === type && c.status === status);

/**
 * KEDA scalers report Ready, Paused (and, for ScaledObject, Fallback)
 * conditions. Any degrading condition wins; Ready True is Healthy, or
 * Suspended while Paused is True; anything else is still being set up.
 * The message is that of the last condition, in list order, that matched
 * any rule, as in Argo CD, so a paused and ready object quotes whichever of
 * the two comes last.
 */
function kedaHealth(obj: KubeObject, rule: KedaRule): ResourceHealth {
  let degraded = false;
  let ready = false;
  let paused = false;
  let message: unknown;
  for (const c of rawConditionsOf(obj)) {
    const isDegrading = matches(rule.degradedWhen, c);
    const isReady = c.type === 'Ready' && c.status === 'True';
    const isPaused = c.type === 'Paused' && c.status === 'True';
    if (isDegrading || isReady || isPaused) message = c.message;
    degraded ||= isDegrading;
    ready ||= isReady;
    paused ||= isPaused;
  }
  const quoted = typeof message === 'string' ? { message } : {};
  if (degraded) return { status: 'Degraded', ...quoted };
  if (ready) return { status: paused ? 'Suspended' : 'Healthy', ...quoted };
  return { status: 'Progressing', message: rule.waitingMessage };
}

/**
 * KEDA `ScaledObject` health: Ready False (a bad spec or trigger) or an
 * active Fallback (a trigger failing, replicas pinned to the fallback
 * count) is Degraded.
 * @public
 */
export function scaledObjectHealth(obj: KubeObject): ResourceHealth {
  return kedaHealth(obj, {
    degradedWhen: [
      ['Ready', 'False'],
      ['Fallback', 'True'],
    ],
    waitingMessage: 'Creating HorizontalPodAutoscaler Object',
  });
}

/**
 * KEDA `ScaledJob` health: Ready False (triggers failing) or Unknown (some
 * triggers failing) is Degraded.
 * @public
 */
export function scaledJobHealth(obj: KubeObject): ResourceHealth {
  return kedaHealth(obj, {
    degradedWhen: [
      ['Ready', 'False'],
      ['Ready', 'Unknown'],
    ],
    waitingMessage: 'Waiting for ScaledJob',
  });
}

/**
 * Argo CD's bundled checks for KEDA (`keda.sh`), keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const kedaHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'keda.sh/ScaledObject': scaledObjectHealth,
  'keda.sh/ScaledJob': scaledJobHealth,
};
