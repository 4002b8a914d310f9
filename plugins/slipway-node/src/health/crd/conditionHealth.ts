import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { conditionsOf } from '../fields';

/**
 * The common shape of controller health: the first condition of `type`
 * decides: status False is Degraded, True is Healthy, each with the
 * condition's message. Until the controller reports it, the object is
 * Progressing with `waitingMessage`.
 */
export function conditionHealth(
  obj: KubeObject,
  type: string,
  waitingMessage: string,
): ResourceHealth {
  for (const c of conditionsOf(obj)) {
    if (c.type === type && c.status === 'False') {
      return { status: 'Degraded', message: c.message };
    }
    if (c.type === type && c.status === 'True') {
      return { status: 'Healthy', message: c.message };
    }
  }
  return { status: 'Progressing', message: waitingMessage };
}
