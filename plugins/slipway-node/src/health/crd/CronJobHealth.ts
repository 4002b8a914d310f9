import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { luaItems, luaLessThan, scriptFailure } from './luaValues';

/**
 * CronJob health, as Argo CD's bundled script judges it. A CronJob is never
 * Suspended or Progressing once the controller has written a status: a
 * suspended one is Healthy (Argo CD does not let it turn its application
 * Suspended), and so is one whose job is running, since its last outcome is
 * then unknown. It is Degraded only when its last success is older than its
 * last schedule (the timestamps compared as text, as the script does);
 * without a status it is Progressing, waiting for the controller.
 * @public
 */
export function cronJobHealth(obj: KubeObject): ResourceHealth {
  const spec = at(obj, 'spec');
  if (isNil(spec)) return scriptFailure('CronJob has no spec');
  if (at(spec, 'suspend') === true) {
    return { status: 'Healthy', message: 'CronJob is Suspended' };
  }
  const status = at(obj, 'status');
  if (isNil(status)) {
    return { status: 'Progressing', message: 'Waiting for CronJob' };
  }
  const lastSchedule = at(status, 'lastScheduleTime');
  if (isNil(lastSchedule)) {
    return { status: 'Healthy', message: 'CronJob has not been scheduled yet' };
  }
  const lastSuccess = at(status, 'lastSuccessfulTime');
  if (isNil(lastSuccess)) {
    return {
      status: 'Healthy',
      message:
        'The CronJob never completed successfully. It may not be healthy',
    };
  }
  const active = at(status, 'active');
  if (!isNil(active)) {
    if (typeof active !== 'object') {
      return scriptFailure('CronJob status.active is not a list');
    }
    if (luaItems(active).length > 0) {
      return {
        status: 'Healthy',
        message:
          'The job is running. Its last execution may not have been successful',
      };
    }
  }
  const failedLast = luaLessThan(lastSuccess, lastSchedule);
  if (failedLast === undefined) {
    return scriptFailure(
      'CronJob status.lastSuccessfulTime and lastScheduleTime cannot be compared',
    );
  }
  return failedLast
    ? {
        status: 'Degraded',
        message: 'CronJob has not completed its last execution successfully',
      }
    : {
        status: 'Healthy',
        message: 'CronJob has completed its last execution successfully',
      };
}
