import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { isHealthStatusCode } from '../types';
import { at, isNil, conditionsOf, int, list, record, str } from '../fields';
import { luaToNumber } from './luaNumber';

/** Annotation Argo Rollouts sets on a Rollout that references a workload. */
const WORKLOAD_GENERATION = 'rollout.argoproj.io/workload-generation';

function generationObserved(obj: KubeObject): boolean {
  const status = at(obj, 'status');
  if (status === undefined || status === null) return false;
  const observed = luaToNumber(at(status, 'observedGeneration'));
  // Rollouts before v0.10 stored a pod-template hash here, not a generation.
  if (observed === undefined) return true;
  const generation = obj.metadata?.generation;
  if (typeof generation === 'number' && observed > generation) return true;
  return observed === generation;
}

function workloadGenerationObserved(obj: KubeObject): boolean {
  const annotations = obj.metadata?.annotations;
  if (isNil(at(obj, 'spec', 'workloadRef')) || isNil(annotations)) {
    return true;
  }
  return (
    luaToNumber(annotations[WORKLOAD_GENERATION]) ===
    luaToNumber(at(obj, 'status', 'workloadObservedGeneration'))
  );
}

const num = (value: unknown, fallback: number) =>
  value === undefined || value === null ? fallback : int(value);

/**
 * Argo Rollouts `Rollout` health. Rollouts v1.0+ publish their own verdict in
 * `status.phase`/`status.message` (Paused is shown as Suspended); older ones
 * are judged from conditions, pause state, replica counts and, per strategy,
 * whether the active service (blue-green) or the stable ReplicaSet (canary)
 * points at the current pod template.
 * @public
 */
export function rolloutHealth(obj: KubeObject): ResourceHealth {
  if (!generationObserved(obj) || !workloadGenerationObserved(obj)) {
    return {
      status: 'Progressing',
      message: 'Waiting for rollout spec update to be observed',
    };
  }
  const status = record(at(obj, 'status'));
  if (status.phase !== undefined && status.phase !== null) {
    const phase = status.phase === 'Paused' ? 'Suspended' : status.phase;
    return {
      status: isHealthStatusCode(phase) ? phase : 'Unknown',
      message: str(status.message),
    };
  }
  for (const c of conditionsOf(obj)) {
    if (
      c.type === 'InvalidSpec' ||
      (c.type === 'Progressing' &&
        (c.reason === 'RolloutAborted' ||
          c.reason === 'ProgressDeadlineExceeded'))
    ) {
      return { status: 'Degraded', message: c.message };
    }
  }
  if (
    list(status.pauseConditions).length > 0 ||
    at(obj, 'spec', 'paused') === true
  ) {
    return { status: 'Suspended', message: 'Rollout is paused' };
  }
  const currentPodHash = status.currentPodHash;
  if (currentPodHash === undefined || currentPodHash === null) {
    return {
      status: 'Progressing',
      message: 'Waiting for rollout to finish: status has not been reconciled.',
    };
  }
  const desired = num(at(obj, 'spec', 'replicas'), 1);
  const replicas = num(status.replicas, 0);
  const updated = num(status.updatedReplicas, 0);
  const available = num(status.availableReplicas, 0);
  if (updated < desired) {
    return {
      status: 'Progressing',
      message:
        'Waiting for roll out to finish: More replicas need to be updated',
    };
  }
  if (available < updated) {
    return {
      status: 'Progressing',
      message:
        'Waiting for roll out to finish: updated replicas are still becoming available',
    };
  }
  // Rollouts v0.8 moved status.canary.stableRS to status.stableRS.
  const stableRS = str(status.stableRS ?? at(status, 'canary', 'stableRS'));
  const strategy = at(obj, 'spec', 'strategy');
  if (!isNil(at(strategy, 'blueGreen'))) {
    if (at(status, 'blueGreen', 'activeSelector') !== currentPodHash) {
      return {
        status: 'Progressing',
        message: 'active service cutover pending',
      };
    }
    if (stableRS !== '' && stableRS !== currentPodHash) {
      return {
        status: 'Progressing',
        message: 'waiting for analysis to complete',
      };
    }
  } else if (!isNil(at(strategy, 'canary'))) {
    if (replicas > updated) {
      return {
        status: 'Progressing',
        message:
          'Waiting for roll out to finish: old replicas are pending termination',
      };
    }
    if (stableRS === '' || stableRS !== currentPodHash) {
      return {
        status: 'Progressing',
        message: 'Waiting for rollout to finish steps',
      };
    }
  }
  return { status: 'Healthy', message: '' };
}

/**
 * Argo Rollouts `AnalysisRun` health from `status.phase`: Pending/Running
 * are Progressing, Successful Healthy, Failed/Error Degraded, Inconclusive
 * Unknown; the run's own message wins over the default one.
 * @public
 */
export function analysisRunHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (status === undefined || status === null) {
    return {
      status: 'Progressing',
      message:
        'Waiting for analysis run to finish: status has not been reconciled.',
    };
  }
  const own = at(status, 'message');
  const msg = (fallback: string) => (typeof own === 'string' ? own : fallback);
  switch (at(status, 'phase')) {
    case 'Pending':
    case 'Running':
      return { status: 'Progressing', message: 'Analysis run is running' };
    case 'Successful':
      return {
        status: 'Healthy',
        message: msg('Analysis run completed successfully'),
      };
    case 'Failed':
      return { status: 'Degraded', message: msg('Analysis run failed') };
    case 'Error':
      return { status: 'Degraded', message: msg('Analysis run had an error') };
    case 'Inconclusive':
      return {
        status: 'Unknown',
        message: msg('Analysis run was inconclusive'),
      };
    default:
      return { status: 'Unknown', message: '' };
  }
}

/**
 * Argo Rollouts `Experiment` health from `status.phase`.
 * @public
 */
export function experimentHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (status === undefined || status === null) {
    return {
      status: 'Progressing',
      message:
        'Waiting for experiment to finish: status has not been reconciled.',
    };
  }
  switch (at(status, 'phase')) {
    case 'Pending':
      return { status: 'Progressing', message: 'Experiment is pending' };
    case 'Running':
      return { status: 'Progressing', message: 'Experiment is running' };
    case 'Successful':
      return { status: 'Healthy', message: 'Experiment is successful' };
    case 'Failed':
      return { status: 'Degraded', message: 'Experiment has failed' };
    case 'Error':
      return { status: 'Degraded', message: 'Experiment had an error' };
    default:
      return { status: 'Unknown', message: '' };
  }
}
