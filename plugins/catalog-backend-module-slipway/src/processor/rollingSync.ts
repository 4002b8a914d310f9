import {
  SLIPWAY_ANNOTATION_ROLLING_SYNC_MAX_UPDATE,
  SLIPWAY_ANNOTATION_ROLLING_SYNC_STEP,
} from '@slipway/plugin-slipway-common';

/** One step of Argo CD's `strategy.rollingSync.steps`. */
export interface RollingSyncStep {
  matchExpressions: Array<{
    key: string;
    operator: 'In' | 'NotIn';
    values: string[];
  }>;
  maxUpdate?: number | string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The steps of a set whose `spec.strategy.type` is `RollingSync`; undefined
 * for other sets (`AllAtOnce` or no strategy); an error naming the field
 * when the strategy is not one Argo CD accepts.
 */
export function rollingSyncStepsOf(
  setName: string,
  spec: unknown,
): RollingSyncStep[] | undefined | { error: string } {
  const strategy = isObject(spec) ? spec.strategy : undefined;
  if (strategy === undefined || strategy === null) return undefined;
  const where = `ApplicationSet "${setName}": spec.strategy`;
  if (!isObject(strategy))
    return {
      error: `${where} must be a map with type AllAtOnce or RollingSync`,
    };
  if (strategy.type === undefined || strategy.type === 'AllAtOnce')
    return undefined;
  if (strategy.type !== 'RollingSync') {
    return {
      error: `${where}.type is ${JSON.stringify(
        strategy.type,
      )}; use AllAtOnce or RollingSync`,
    };
  }
  const steps = isObject(strategy.rollingSync)
    ? strategy.rollingSync.steps
    : undefined;
  if (!Array.isArray(steps) || steps.length === 0) {
    return {
      error: `${where}.rollingSync.steps must list the steps of the rollout`,
    };
  }
  const out: RollingSyncStep[] = [];
  for (const [i, step] of steps.entries()) {
    const at = `${where}.rollingSync.steps[${i}]`;
    const expressions = isObject(step) ? step.matchExpressions : undefined;
    if (!Array.isArray(expressions))
      return { error: `${at}.matchExpressions must be a list` };
    const matchExpressions: RollingSyncStep['matchExpressions'] = [];
    for (const [j, e] of expressions.entries()) {
      if (
        !isObject(e) ||
        typeof e.key !== 'string' ||
        !Array.isArray(e.values) ||
        e.values.some(v => typeof v !== 'string')
      ) {
        return {
          error: `${at}.matchExpressions[${j}] needs a key and a list of string values`,
        };
      }
      if (e.operator !== 'In' && e.operator !== 'NotIn') {
        return {
          error: `${at}.matchExpressions[${j}].operator is ${JSON.stringify(
            e.operator,
          )}; RollingSync steps take In or NotIn`,
        };
      }
      matchExpressions.push({
        key: e.key,
        operator: e.operator,
        values: e.values as string[],
      });
    }
    const maxUpdate = (step as Record<string, unknown>).maxUpdate;
    if (maxUpdate !== undefined && maxUpdate !== null) {
      const valid =
        (typeof maxUpdate === 'number' &&
          Number.isInteger(maxUpdate) &&
          maxUpdate >= 0) ||
        (typeof maxUpdate === 'string' && /^(\d+%|\d+)$/.test(maxUpdate));
      if (!valid)
        return {
          error: `${at}.maxUpdate must be a whole number or a percentage such as "25%"`,
        };
    }
    out.push({
      matchExpressions,
      ...(maxUpdate !== undefined && maxUpdate !== null
        ? { maxUpdate: maxUpdate as number | string }
        : {}),
    });
  }
  return out;
}

/**
 * The step that selects an Application by its labels, as Argo CD picks it:
 * the first step all of whose expressions match (`In`: the label is there
 * with one of the values; `NotIn`: it is absent or has none of them).
 */
export function rollingSyncStepOf(
  labels: Record<string, string>,
  steps: RollingSyncStep[],
): number | undefined {
  const index = steps.findIndex(step =>
    step.matchExpressions.every(e => {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      return e.operator === 'In'
        ? has && e.values.includes(labels[e.key])
        : !has || !e.values.includes(labels[e.key]);
    }),
  );
  return index < 0 ? undefined : index;
}

/** The annotations that tell the engine an Application's step. */
export function rollingSyncAnnotations(
  labels: Record<string, string>,
  steps: RollingSyncStep[],
): Record<string, string> {
  const step = rollingSyncStepOf(labels, steps);
  if (step === undefined)
    return { [SLIPWAY_ANNOTATION_ROLLING_SYNC_STEP]: 'none' };
  const maxUpdate = steps[step].maxUpdate;
  return {
    [SLIPWAY_ANNOTATION_ROLLING_SYNC_STEP]: String(step),
    ...(maxUpdate !== undefined
      ? { [SLIPWAY_ANNOTATION_ROLLING_SYNC_MAX_UPDATE]: String(maxUpdate) }
      : {}),
  };
}
