import type {
  KubeObject,
  ResourceActionSummary,
} from '@slipway/plugin-slipway-common';
import {
  BuiltinAction,
  describeObject,
  identity,
  minuteStamp,
  restartedAt,
} from './builtinAction';
import { analysisRunActions, rolloutActions } from './argoRolloutsActions';
import { ResourceActionError } from './ResourceActionError';
import {
  checkActionParameters,
  type ResourceActionParameters,
} from './actionParameters';
import { scale } from './scaleAction';
import { batchActions } from './batchActions';
import { fluxActions } from './fluxActions';
import { externalSecretsActions } from './externalSecretsActions';
import { argoWorkflowsActions } from './argoWorkflowsActions';
import { argoCdActions } from './argoCdActions';
import { numaprojActions } from './numaprojActions';

export { ResourceActionError } from './ResourceActionError';

/**
 * An action a resource offers, as Argo CD's action discovery lists it: the
 * API's {@link @slipway/plugin-slipway-common#ResourceActionSummary}.
 * @public
 */
export type ResourceActionInfo = ResourceActionSummary;

/**
 * What running an action does, as Argo CD's impacted resources: `patch`
 * writes the fields of `object` (a partial object naming the resource) to
 * the resource by server-side apply; `mergePatch` sends `patch` as a JSON
 * merge patch (RFC 7386: `null` removes a field), its `status` through the
 * status subresource where the resource has one, as Argo CD patches
 * actions that change status; `create` creates `object`.
 * @public
 */
export type ResourceActionChange =
  | { operation: 'patch'; object: KubeObject }
  | { operation: 'create'; object: KubeObject }
  | {
      operation: 'mergePatch';
      /** Names the resource (apiVersion, kind, name, namespace). */
      object: KubeObject;
      patch: Record<string, unknown>;
    };

/** Restart: a new pod template annotation rolls every pod, as `kubectl rollout restart` does. */
const restart: BuiltinAction = {
  name: 'restart',
  run: (obj, now) => [
    {
      operation: 'patch',
      object: {
        ...identity(obj),
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': restartedAt(now),
              },
            },
          },
        },
      },
    },
  ],
};

const spec = (obj: KubeObject): Record<string, any> =>
  (obj.spec ?? {}) as Record<string, any>;

const pause: BuiltinAction = {
  name: 'pause',
  disabled: obj =>
    spec(obj).paused === true ? 'it is paused already' : undefined,
  run: obj => [
    {
      operation: 'patch',
      object: { ...identity(obj), spec: { paused: true } },
    },
  ],
};

const resume: BuiltinAction = {
  name: 'resume',
  disabled: obj => (spec(obj).paused !== true ? 'it is not paused' : undefined),
  run: obj => [
    {
      operation: 'patch',
      object: { ...identity(obj), spec: { paused: false } },
    },
  ],
};

/** Create a Job from a CronJob's template now, named `<cronjob>-<yyMMddHHmm>` (UTC) as Argo CD's create-job names it. */
const createJob: BuiltinAction = {
  name: 'create-job',
  run: (obj, now) => {
    const template = (spec(obj).jobTemplate ?? {}) as {
      metadata?: Record<string, any>;
      spec?: unknown;
    };
    if (!template.spec) {
      throw new ResourceActionError(
        `CronJob ${obj.metadata.name} has no spec.jobTemplate.spec to create a Job from`,
        'notApplicable',
      );
    }
    // two-digit year: yyMMddHHmm
    const stamp = minuteStamp(now).slice(2);
    const metadata = structuredClone(template.metadata ?? {});
    return [
      {
        operation: 'create',
        object: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            ...metadata,
            name: `${obj.metadata.name}-${stamp}`,
            namespace: obj.metadata.namespace,
            annotations: {
              ...(metadata.annotations ?? {}),
              'cronjob.kubernetes.io/instantiate': 'manual',
            },
            ownerReferences: [
              {
                apiVersion: obj.apiVersion,
                kind: obj.kind,
                name: obj.metadata.name ?? '',
                uid: obj.metadata.uid ?? '',
                blockOwnerDeletion: true,
                controller: true,
              },
            ],
          },
          spec: structuredClone(template.spec),
        },
      },
    ];
  },
};

/** Argo CD's built-in actions, by `group/kind`. */
const BUILTIN: Record<string, BuiltinAction[]> = {
  'apps/Deployment': [restart, pause, resume, scale],
  'apps/StatefulSet': [restart, scale],
  'apps/DaemonSet': [restart],
  'batch/CronJob': [createJob, ...batchActions['batch/CronJob']],
  'batch/Job': batchActions['batch/Job'],
  'argoproj.io/Rollout': rolloutActions,
  'argoproj.io/AnalysisRun': analysisRunActions,
  ...argoCdActions,
  ...argoWorkflowsActions,
  ...externalSecretsActions,
  ...fluxActions,
  ...numaprojActions,
};

function actionsOf(obj: KubeObject): BuiltinAction[] {
  const group = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')[0]
    : '';
  return BUILTIN[`${group}/${obj.kind}`] ?? [];
}

/** The actions an object offers, with whether each applies to it now. Pure. @public */
export function resourceActionsOf(obj: KubeObject): ResourceActionInfo[] {
  return actionsOf(obj).flatMap(action => {
    const info = infoOf(action, obj);
    return info.disabled && action.hiddenWhenDisabled ? [] : [info];
  });
}

function infoOf(action: BuiltinAction, obj: KubeObject): ResourceActionInfo {
  const info: ResourceActionInfo = {
    name: action.name,
    disabled: Boolean(action.disabled?.(obj)),
  };
  const parameter = action.parameter;
  if (!parameter) return info;
  const defaultValue = parameter.defaultValue(obj);
  return {
    ...info,
    hasParameters: true,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    regexp: parameter.regexp,
    errorMessage: parameter.errorMessage,
  };
}

/**
 * Runs an action on a live object and returns the changes to make. Throws a
 * {@link ResourceActionError} naming the object when it offers no such
 * action, the action does not apply to it now, or the value it asks for is
 * missing or does not fit. Pure.
 * @public
 */
export function runResourceAction(
  obj: KubeObject,
  name: string,
  now: Date,
  params: ResourceActionParameters = {},
): ResourceActionChange[] {
  const what = describeObject(obj);
  const actions = actionsOf(obj);
  const action = actions.find(a => a.name === name);
  if (!action) {
    const offered = actions.map(a => a.name);
    throw new ResourceActionError(
      `${what} has no action '${name}'; ${
        offered.length
          ? `its actions are ${offered.join(', ')}`
          : `${obj.kind} resources have no actions`
      }`,
      'unknown',
    );
  }
  const why = action.disabled?.(obj);
  if (why)
    throw new ResourceActionError(
      `action '${name}' does not apply to ${what}: ${why}`,
      'notApplicable',
    );
  checkActionParameters(infoOf(action, obj), what, params);
  return action.run(obj, now, params);
}
