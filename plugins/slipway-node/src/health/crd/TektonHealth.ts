import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { isNil, rawConditionsOf } from '../fields';
import { withMessage } from './luaValues';

/**
 * Tekton runs report through the Knative-style `Succeeded` condition: True
 * is Healthy, False (failed, timed out or cancelled) is Degraded, Unknown
 * (pending or running) is Progressing. The message is the condition's, or
 * its reason when it has none. A run without that condition has not started.
 */
function runHealth(obj: KubeObject): ResourceHealth {
  const succeeded = rawConditionsOf(obj).find(c => c.type === 'Succeeded');
  if (!succeeded) {
    return { status: 'Progressing', message: 'Waiting for run to start' };
  }
  let verdict: HealthStatusCode = 'Progressing';
  if (succeeded.status === 'True') verdict = 'Healthy';
  if (succeeded.status === 'False') verdict = 'Degraded';
  const message = succeeded.message;
  return withMessage(
    verdict,
    isNil(message) || message === false ? succeeded.reason : message,
  );
}

/** Tekton `PipelineRun` health from its `Succeeded` condition. @public */
export function pipelineRunHealth(obj: KubeObject): ResourceHealth {
  return runHealth(obj);
}

/** Tekton `TaskRun` health from its `Succeeded` condition. @public */
export function taskRunHealth(obj: KubeObject): ResourceHealth {
  return runHealth(obj);
}

/**
 * Slipway's checks for Tekton Pipelines' runs, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const tektonHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'tekton.dev/PipelineRun': pipelineRunHealth,
  'tekton.dev/TaskRun': taskRunHealth,
};
