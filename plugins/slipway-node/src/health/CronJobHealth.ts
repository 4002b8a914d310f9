import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, list, str } from './fields';

function time(value: unknown): number | undefined {
  const text = str(value);
  if (text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * CronJob health, after Argo CD's bundled check: running jobs are
 * Progressing; a CronJob that never ran, or whose last successful run is
 * newer than its last schedule, is Healthy; a suspended one is Suspended;
 * otherwise the last scheduled run did not succeed: Degraded.
 * @public
 */
export function cronJobHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (list(at(status, 'active')).length > 0) {
    return { status: 'Progressing', message: 'CronJob has active jobs' };
  }
  if (at(obj, 'spec', 'suspend') === true) {
    return { status: 'Suspended', message: 'CronJob is suspended' };
  }
  const lastSchedule = time(at(status, 'lastScheduleTime'));
  const lastSuccess = time(at(status, 'lastSuccessfulTime'));
  if (lastSchedule === undefined) {
    return { status: 'Healthy', message: 'CronJob has never run' };
  }
  if (lastSuccess !== undefined && lastSchedule < lastSuccess) {
    return { status: 'Healthy', message: 'CronJob has run successfully' };
  }
  return { status: 'Degraded', message: 'CronJob has not run successfully' };
}
