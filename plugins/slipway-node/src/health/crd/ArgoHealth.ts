import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { conditionsOf } from '../fields';

/**
 * Argo CD `ApplicationSet` health: an error or resources that could not be
 * brought up to date are Degraded; a progressive sync in flight is
 * Progressing; resources up to date are Healthy.
 * @public
 */
export function applicationSetHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionsOf(obj);
  const find = (type: string, status: string) =>
    conditions.find(c => c.type === type && c.status === status);
  const error =
    find('ErrorOccurred', 'True') ?? find('ResourcesUpToDate', 'False');
  if (error) return { status: 'Degraded', message: error.message };
  const rollout = find('RolloutProgressing', 'True');
  if (rollout) return { status: 'Progressing', message: rollout.message };
  const upToDate = find('ResourcesUpToDate', 'True');
  if (upToDate) return { status: 'Healthy', message: upToDate.message };
  return {
    status: 'Progressing',
    message: 'Waiting for the status to be reported',
  };
}

/**
 * Argo Workflows `CronWorkflow` health: a spec or submission error is
 * Degraded; otherwise Healthy (with the completion message when done).
 * @public
 */
export function cronWorkflowHealth(obj: KubeObject): ResourceHealth {
  for (const c of conditionsOf(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'SpecError' || c.type === 'SubmissionError') {
      return { status: 'Degraded', message: c.message };
    }
    if (c.type === 'Completed')
      return { status: 'Healthy', message: c.message };
  }
  return { status: 'Healthy', message: 'CronWorkflow is healthy.' };
}

/**
 * Argo Events `EventBus` health from its `Deployed` condition.
 * @public
 */
export function eventBusHealth(obj: KubeObject): ResourceHealth {
  for (const c of conditionsOf(obj)) {
    if (
      c.type === 'Deployed' &&
      (c.status === 'False' || c.status === 'True')
    ) {
      return {
        status: c.status === 'True' ? 'Healthy' : 'Degraded',
        message: c.message || c.reason,
      };
    }
  }
  return { status: 'Progressing', message: 'Waiting for initialization' };
}
