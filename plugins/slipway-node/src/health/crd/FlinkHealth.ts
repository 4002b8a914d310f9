import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaText, scriptFailure, withMessage } from './luaValues';

/** What the Flink kinds report before the operator has written a status. */
const WAITING_FOR_OPERATOR = 'Waiting for Flink operator';

/**
 * Apache Flink Kubernetes operator `FlinkDeployment` health. Once the
 * operator has reconciled the spec (`reconciliationStatus.success` on
 * v0.1 operators, state `DEPLOYED` on later ones) the deployment is
 * Healthy, whatever the job does. Before that the JobManager deployment
 * decides: still deploying is Progressing, `ERROR` Degraded with the
 * reconciliation error. Anything else waits for the operator.
 * @public
 */
export function flinkDeploymentHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const reconciliation = at(status, 'reconciliationStatus');
  if (!isNil(reconciliation)) {
    const success = at(reconciliation, 'success');
    if (
      (!isNil(success) && success !== false) ||
      at(reconciliation, 'state') === 'DEPLOYED'
    ) {
      return { status: 'Healthy' };
    }
    const jobManager = at(status, 'jobManagerDeploymentStatus');
    if (jobManager === 'DEPLOYED_NOT_READY' || jobManager === 'DEPLOYING') {
      return { status: 'Progressing', message: 'Waiting for deploying' };
    }
    if (jobManager === 'ERROR') {
      return withMessage('Degraded', at(reconciliation, 'error'));
    }
  }
  return { status: 'Progressing', message: WAITING_FOR_OPERATOR };
}

/** Blue/green states in flight, with the message each one shows. */
const BLUE_GREEN_IN_FLIGHT = new Map<unknown, string>([
  ['INITIALIZING_BLUE', 'Initializing blue deployment'],
  ['TRANSITIONING_TO_BLUE', 'Rolling back to blue deployment'],
  ['TRANSITIONING_TO_GREEN', 'Transitioning to green deployment'],
]);

/**
 * A health whose message mentions `status.error` when the operator wrote
 * one: `plain` without it, `joined(error)` with it. Argo CD's script joins
 * the error into the message and fails on one that is not text.
 */
function mentioningError(
  status: ResourceHealth['status'],
  rawError: unknown,
  plain: string,
  joined: (error: string) => string,
): ResourceHealth {
  if (isNil(rawError) || rawError === '') return { status, message: plain };
  const error = luaText(rawError);
  if (error === undefined) return scriptFailure('status.error is not text');
  return { status, message: joined(error) };
}

/**
 * Apache Flink `FlinkBlueGreenDeployment` health. The operator's own
 * rollback states come first (rolling back: Progressing; rolled back:
 * Degraded). Then the blue/green state machine: an active side is Healthy
 * unless its job is crash-looping, the transitions and savepoints are
 * Progressing. Without a known state a failed job is being recovered by the
 * operator (Progressing). `status.error`, when set, is added to the message.
 * @public
 */
export function flinkBlueGreenDeploymentHealth(
  obj: KubeObject,
): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    return { status: 'Progressing', message: WAITING_FOR_OPERATOR };
  }
  const s = record(status);
  const reconciliationState = at(s.reconciliationStatus, 'state');
  if (reconciliationState === 'ROLLING_BACK') {
    return {
      status: 'Progressing',
      message: 'Rolling back to last stable spec',
    };
  }
  if (reconciliationState === 'ROLLED_BACK') {
    return mentioningError(
      'Degraded',
      s.error,
      'Deployment rolled back',
      e => `Rolled back: ${e}`,
    );
  }

  const state = s.blueGreenState;
  const jobState = at(s.jobStatus, 'state');
  if (state === 'ACTIVE_BLUE' || state === 'ACTIVE_GREEN') {
    if (jobState === 'RESTARTING') {
      return {
        status: 'Degraded',
        message: `Job crash-looping (RESTARTING) in ${state}`,
      };
    }
    return mentioningError(
      'Healthy',
      s.error,
      state,
      e => `${state} (warning: ${e})`,
    );
  }
  const inFlight = BLUE_GREEN_IN_FLIGHT.get(state);
  if (inFlight !== undefined)
    return { status: 'Progressing', message: inFlight };
  if (state === 'SAVEPOINTING_BLUE' || state === 'SAVEPOINTING_GREEN') {
    return { status: 'Progressing', message: `Taking savepoint: ${state}` };
  }

  if (jobState === 'FAILED') {
    return mentioningError(
      'Progressing',
      s.error,
      'Job failed, operator recovering',
      e => `Job failed, operator recovering: ${e}`,
    );
  }
  return mentioningError(
    'Progressing',
    s.error,
    WAITING_FOR_OPERATOR,
    e => `Operator processing: ${e}`,
  );
}

/** FlinkSessionJob job states and the health each one means. */
const SESSION_JOB_STATES = new Map<unknown, ResourceHealth['status']>([
  ['RUNNING', 'Healthy'],
  ['FINISHED', 'Healthy'],
  ['RECONCILING', 'Progressing'],
  ['CREATED', 'Progressing'],
  ['SUSPENDED', 'Suspended'],
  ['CANCELED', 'Suspended'],
]);

/**
 * Apache Flink `FlinkSessionJob` health from its job state, shown as the
 * message (running or finished: Healthy; reconciling or created:
 * Progressing; suspended or canceled: Suspended). A failed job is Degraded
 * with the operator's error; an error without a known job state is
 * Degraded too.
 * @public
 */
export function flinkSessionJobHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const jobStatus = at(status, 'jobStatus');
  const error = at(status, 'error');
  if (!isNil(jobStatus)) {
    const state = at(jobStatus, 'state');
    const health = SESSION_JOB_STATES.get(state);
    if (health !== undefined) return { status: health, message: String(state) };
    if (state === 'FAILED') {
      return isNil(error)
        ? { status: 'Degraded', message: 'FlinkSessionJob failed' }
        : withMessage('Degraded', error);
    }
  }
  if (!isNil(error)) return withMessage('Degraded', error);
  return {
    status: 'Progressing',
    message: 'Waiting for FlinkSessionJob to be reconciled',
  };
}

/**
 * Argo CD's bundled checks for the Apache Flink Kubernetes operator
 * (`flink.apache.org`), keyed as its resource_customizations folders are
 * named.
 * @public
 */
export const flinkHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'flink.apache.org/FlinkBlueGreenDeployment': flinkBlueGreenDeploymentHealth,
  'flink.apache.org/FlinkDeployment': flinkDeploymentHealth,
  'flink.apache.org/FlinkSessionJob': flinkSessionJobHealth,
};
