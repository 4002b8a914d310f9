import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaToNumber } from './luaNumber';
import { luaTruthy, scriptFailure, withMessage } from './luaValues';

/** How many executors a dynamically allocating application may run. */
interface ExecutorRange {
  min: unknown;
  max: unknown;
}

/** Lua's truth: everything but nil and false. */
/**
 * The executor range the operator's own `spec.dynamicAllocation` allows,
 * when it is enabled: unbounded (0 to infinity) where a bound is not set.
 */
function apiExecutorRange(spec: Record<string, any>): ExecutorRange {
  const allocation = record(spec.dynamicAllocation);
  return {
    min: luaTruthy(allocation.minExecutors) ? allocation.minExecutors : 0,
    max: luaTruthy(allocation.maxExecutors)
      ? allocation.maxExecutors
      : Infinity,
  };
}

/**
 * The executor range Spark's own configuration allows, streaming dynamic
 * allocation first, then batch; undefined when neither is enabled. A bound
 * that is set but not a number is nil, as Lua's `tonumber` makes it.
 */
function sparkConfExecutorRange(
  sparkConf: Record<string, any>,
): ExecutorRange | undefined {
  for (const prefix of [
    'spark.streaming.dynamicAllocation',
    'spark.dynamicAllocation',
  ]) {
    if (sparkConf[`${prefix}.enabled`] !== 'true') continue;
    const bound = (name: string, fallback: number) => {
      const value = sparkConf[`${prefix}.${name}`];
      return isNil(value) ? fallback : luaToNumber(value);
    };
    return {
      min: bound('minExecutors', 0),
      max: bound('maxExecutors', Infinity),
    };
  }
  return undefined;
}

/** Lua cannot compare the executor count with a bound that is not a number. */
const notANumber = (which: string) =>
  scriptFailure(`the ${which} executor bound is not a number`);

/**
 * Whether a RUNNING application runs enough executors. A fixed executor
 * count must match exactly; with dynamic allocation (the operator's API or
 * Spark's configuration) the count must lie in the allowed range; with
 * neither configured, one running executor is enough.
 */
function enoughExecutors(
  spec: Record<string, any>,
  running: number,
): boolean | ResourceHealth {
  const executor = spec.executor;
  if (isNil(executor)) return scriptFailure('spec.executor is missing');
  const instances = at(executor, 'instances');
  if (!isNil(instances) && instances === running) return true;
  let range: ExecutorRange | undefined;
  if (
    luaTruthy(spec.dynamicAllocation) &&
    luaTruthy(at(spec.dynamicAllocation, 'enabled'))
  ) {
    range = apiExecutorRange(spec);
  } else if (!isNil(spec.sparkConf)) {
    range = sparkConfExecutorRange(record(spec.sparkConf));
  }
  // Upstream only takes the range when its lower bound is set (truthy), and
  // compares the upper bound only once the lower one is met.
  if (range && luaTruthy(range.min)) {
    const { min, max } = range;
    if (typeof min !== 'number') return notANumber('lower');
    if (running < min) return false;
    if (typeof max !== 'number') return notANumber('upper');
    return running <= max;
  }
  return isNil(spec.dynamicAllocation) && isNil(instances) && running >= 1;
}

/** Executors whose state is RUNNING. */
function runningExecutors(executorState: unknown): number {
  const states =
    executorState !== null && typeof executorState === 'object'
      ? Object.values(executorState)
      : [];
  return states.filter(s => s === 'RUNNING').length;
}

/** What Argo CD shows for each application state that decides on its own. */
const STATE_HEALTH: ReadonlyMap<string, ResourceHealth> = new Map<
  string,
  ResourceHealth
>([
  [
    '',
    {
      status: 'Progressing',
      message: 'SparkApplication was added, enqueuing it for submission',
    },
  ],
  [
    'SUBMITTED',
    {
      status: 'Progressing',
      message: 'SparkApplication was submitted successfully',
    },
  ],
  [
    'COMPLETED',
    { status: 'Healthy', message: 'SparkApplication was Completed' },
  ],
  [
    'PENDING_RERUN',
    { status: 'Progressing', message: 'SparkApplication is Pending Rerun' },
  ],
  [
    'INVALIDATING',
    { status: 'Missing', message: 'SparkApplication is in InvalidatingState' },
  ],
  [
    'SUCCEEDING',
    {
      status: 'Progressing',
      // Upstream writes this one as a long bracket string, line break and
      // indentation included.
      message: `The driver pod has been completed successfully. The executor pods terminate and are cleaned up.\n${' '.repeat(
        32,
      )}Under this circumstances, we assume the executor pod are completed.`,
    },
  ],
  [
    'UNKNOWN',
    {
      status: 'Progressing',
      message:
        'SparkApplication is in UnknownState because either driver pod or one or all executor pods in unknown state  ',
    },
  ],
]);

/** Failed states, explained by the operator's error message. */
const FAILED_STATES = ['FAILED', 'SUBMISSION_FAILED', 'FAILING'];

/**
 * Kubeflow Spark operator `SparkApplication` health from
 * `status.applicationState.state`: a RUNNING application is Healthy once
 * enough executors run, failed states are Degraded, INVALIDATING is
 * Missing; otherwise it waits for its executors.
 *
 * Upstream reads `status.applicationState` (and, while RUNNING,
 * `spec.executor`) without checking that it exists (an error, so Unknown).
 * @public
 */
export function sparkApplicationHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for Executor pods',
  };
  const status = at(obj, 'status');
  if (isNil(status)) return waiting;
  const appState = at(status, 'applicationState');
  if (isNil(appState)) {
    return scriptFailure('status.applicationState is missing');
  }
  const state = at(appState, 'state');
  if (typeof state !== 'string') return waiting;
  if (state === 'RUNNING' && !isNil(at(status, 'executorState'))) {
    const running = runningExecutors(at(status, 'executorState'));
    const enough = enoughExecutors(record(obj.spec), running);
    if (enough === true) {
      return { status: 'Healthy', message: 'SparkApplication is Running' };
    }
    if (enough !== false) return enough;
  }
  if (FAILED_STATES.includes(state)) {
    return withMessage('Degraded', at(appState, 'errorMessage'));
  }
  return STATE_HEALTH.get(state) ?? waiting;
}

/**
 * Slipway's checks for the Spark operator, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const sparkHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'sparkoperator.k8s.io/SparkApplication': sparkApplicationHealth,
};
