import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at, list, record } from '../health/fields';
import { luaToNumber } from '../health/crd/luaNumber';
import { BuiltinAction, restartedAt, mergePatch } from './builtinAction';

/*
 * Argo CD's built-in actions of Argo Rollouts (resource_customizations
 * argoproj.io/Rollout and AnalysisRun). Most of them write the Rollout's
 * status, which the Rollouts controller reads as a request (abort,
 * promoteFull, a cleared pause condition); they are JSON merge patches so
 * that a request can also remove what the controller wrote, and their status
 * goes through the status subresource.
 */

const canarySteps = (obj: KubeObject): unknown[] | undefined => {
  const steps = at(obj, 'spec', 'strategy', 'canary', 'steps');
  return Array.isArray(steps) ? steps : undefined;
};

const currentStepIndex = (obj: KubeObject): number =>
  luaToNumber(at(obj, 'status', 'currentStepIndex')) ?? 0;

const hasPauseConditions = (obj: KubeObject) =>
  list(at(obj, 'status', 'pauseConditions')).length > 0;

/** The stable ReplicaSet is the current one: nothing is being rolled out. */
const fullyPromoted = (obj: KubeObject) =>
  at(obj, 'status', 'currentPodHash') === at(obj, 'status', 'stableRS');

/** Paused by the controller (pause conditions) or, before those existed, by `spec.paused`. */
function paused(obj: KubeObject): boolean {
  const conditions = at(obj, 'status', 'pauseConditions');
  if (Array.isArray(conditions)) return conditions.length > 0;
  return at(obj, 'spec', 'paused') === true;
}

const aborted = (obj: KubeObject) => Boolean(at(obj, 'status', 'abort'));

/**
 * Rollouts before v0.10 wrote a hash, not a number, to
 * `status.observedGeneration` and knew no `status.promoteFull`.
 */
function beforeV010(obj: KubeObject): boolean {
  const generation = luaToNumber(at(obj, 'status', 'observedGeneration'));
  return (
    generation === undefined ||
    generation > (luaToNumber(obj.metadata.generation) ?? 0)
  );
}

const restart: BuiltinAction = {
  name: 'restart',
  run: (obj, now) => mergePatch(obj, { spec: { restartAt: restartedAt(now) } }),
};

const resume: BuiltinAction = {
  name: 'resume',
  disabled: obj => (paused(obj) ? undefined : 'it is not paused'),
  run: obj =>
    mergePatch(obj, {
      ...(at(obj, 'spec', 'paused') === true
        ? { spec: { paused: false } }
        : {}),
      ...(hasPauseConditions(obj) ? { status: { pauseConditions: null } } : {}),
    }),
};

const pause: BuiltinAction = {
  name: 'pause',
  disabled: obj => {
    if (fullyPromoted(obj)) return 'it is fully promoted';
    return at(obj, 'spec', 'paused') === true
      ? 'it is paused already'
      : undefined;
  },
  run: obj => mergePatch(obj, { spec: { paused: true } }),
};

const abort: BuiltinAction = {
  name: 'abort',
  disabled: obj => {
    if (fullyPromoted(obj)) return 'it is fully promoted';
    return aborted(obj) ? 'it is aborted already' : undefined;
  },
  run: obj => mergePatch(obj, { status: { abort: true } }),
};

const retry: BuiltinAction = {
  name: 'retry',
  disabled: obj => {
    if (fullyPromoted(obj)) return 'it is fully promoted';
    return aborted(obj) ? undefined : 'it is not aborted';
  },
  run: obj => mergePatch(obj, { status: { abort: null } }),
};

const promoteFull: BuiltinAction = {
  name: 'promote-full',
  disabled: obj => {
    if (at(obj, 'status') === undefined || fullyPromoted(obj)) {
      return 'it is fully promoted';
    }
    // Rollouts v0.9 promoted fully only canaries
    return beforeV010(obj) &&
      at(obj, 'spec', 'strategy', 'blueGreen') !== undefined
      ? 'this Rollouts version cannot fully promote a blue-green rollout'
      : undefined;
  },
  run: obj => {
    if (!beforeV010(obj)) {
      return mergePatch(obj, { status: { promoteFull: true } });
    }
    const steps = canarySteps(obj);
    return mergePatch(obj, {
      status: {
        abort: null,
        ...(steps ? { currentStepIndex: steps.length } : {}),
      },
    });
  },
};

const skipCurrentStep: BuiltinAction = {
  name: 'skip-current-step',
  disabled: obj => {
    const steps = canarySteps(obj);
    if (!steps) return 'it has no canary steps';
    return currentStepIndex(obj) >= steps.length
      ? 'it is past its last step'
      : undefined;
  },
  run: obj =>
    mergePatch(obj, {
      status: {
        ...(hasPauseConditions(obj) ? { pauseConditions: null } : {}),
        currentStepIndex: currentStepIndex(obj) + 1,
      },
    }),
};

/** Argo CD's actions of an Argo Rollouts `Rollout`. */
export const rolloutActions: BuiltinAction[] = [
  restart,
  resume,
  pause,
  abort,
  retry,
  promoteFull,
  skipCurrentStep,
];

const FINISHED_PHASES = ['Successful', 'Failed', 'Error', 'Inconclusive'];

/** Argo CD's action of an Argo Rollouts `AnalysisRun`: stop it early. */
export const analysisRunActions: BuiltinAction[] = [
  {
    name: 'terminate',
    disabled: obj => {
      if (at(obj, 'spec', 'terminate')) return 'it is terminated already';
      const phase = record(obj.status).phase;
      return FINISHED_PHASES.includes(phase)
        ? `it has finished (${phase})`
        : undefined;
    },
    run: obj => mergePatch(obj, { spec: { terminate: true } }),
  },
];
