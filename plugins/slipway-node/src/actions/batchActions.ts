import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at, list, record } from '../health/fields';
import { luaItems } from '../health/crd/luaValues';
import {
  BuiltinAction,
  restartedAt,
  mergePatch,
  suspendedBySpec,
} from './builtinAction';
import { resumeBySpec, suspendBySpec } from './suspendActions';

/*
 * Argo CD's built-in actions of Jobs and CronJobs
 * (resource_customizations/batch) besides CronJob's create-job: suspend and
 * resume through `spec.suspend`, and terminate a Job. As in Argo CD's
 * discovery, an action that does not apply is left out rather than listed
 * disabled (a finished Job offers none, a CronJob suspend or resume).
 */

/** The conditions the Job controller writes when a Job is done or about to be. */
const FINISHED = ['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet'];

/** The condition that finished the Job, if one did. */
function finishedBy(obj: KubeObject): string | undefined {
  return list(at(obj, 'status', 'conditions'))
    .map(record)
    .find(c => c.status === 'True' && FINISHED.includes(c.type))?.type;
}

const whenFinished = (obj: KubeObject) => {
  const type = finishedBy(obj);
  return type ? `it has finished (${type})` : undefined;
};

const suspendJob: BuiltinAction = {
  name: 'suspend',
  hiddenWhenDisabled: true,
  disabled: obj =>
    whenFinished(obj) ?? (suspendedBySpec(obj) ? 'it is suspended' : undefined),
  run: obj => mergePatch(obj, { spec: { suspend: true } }),
};

const resumeJob: BuiltinAction = {
  name: 'resume',
  hiddenWhenDisabled: true,
  disabled: obj =>
    whenFinished(obj) ??
    (suspendedBySpec(obj) ? undefined : 'it is not suspended'),
  run: obj => mergePatch(obj, { spec: { suspend: false } }),
};

/**
 * Terminate: a `FailureTarget` condition makes the Job controller fail the
 * Job and remove its pods, as it does when the Job's failure policy fails
 * it. Needs a status to add to; a finished Job is left alone. Conditions are
 * a list, which a merge patch replaces whole: the patch carries them all.
 */
const terminateJob: BuiltinAction = {
  name: 'terminate',
  hiddenWhenDisabled: true,
  disabled: obj =>
    whenFinished(obj) ??
    (at(obj, 'status') === undefined || at(obj, 'status') === null
      ? 'it has no status yet'
      : undefined),
  run: (obj, now) => {
    const status = at(obj, 'status');
    if (status === undefined || status === null || finishedBy(obj)) return [];
    return mergePatch(obj, {
      status: {
        conditions: [
          ...luaItems(at(obj, 'status', 'conditions')),
          {
            lastTransitionTime: restartedAt(now),
            message: 'Job was terminated explicitly through Argo CD',
            reason: 'ManuallyTerminated',
            status: 'True',
            type: 'FailureTarget',
          },
        ],
      },
    });
  },
};

/**
 * Argo CD's actions of batch objects, by `group/kind`. `batch/CronJob`
 * holds the actions besides create-job, to be offered after it.
 */
export const batchActions: Readonly<Record<string, BuiltinAction[]>> = {
  'batch/Job': [suspendJob, resumeJob, terminateJob],
  'batch/CronJob': [suspendBySpec, resumeBySpec].map(action => ({
    ...action,
    hiddenWhenDisabled: true,
  })),
};
