import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { conditionsOf } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * Job health from its conditions: `Failed` is Degraded, `Complete` is
 * Healthy, a true `Suspended` is Suspended (aggregated as Healthy, so a
 * suspended Job does not change its application's health); without any of
 * these the Job is still running: Progressing.
 * @public
 */
export function jobHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'Job', ['batch/v1']);
  if (unsupported) return unsupported;
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMessage = '';
  let message = '';
  for (const condition of conditionsOf(obj)) {
    switch (condition.type) {
      case 'Failed':
        failed = true;
        complete = true;
        failMessage = condition.message;
        break;
      case 'Complete':
        complete = true;
        message = condition.message;
        break;
      case 'Suspended':
        complete = true;
        message = condition.message;
        if (condition.status === 'True') suspended = true;
        break;
      default:
    }
  }
  if (!complete) return { status: 'Progressing', message };
  if (failed) return { status: 'Degraded', message: failMessage };
  if (suspended) {
    return { status: 'Suspended', message, aggregateAs: 'Healthy' };
  }
  return { status: 'Healthy', message };
}
