import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, list } from './fields';

/**
 * Ingress health: Healthy once the controller has published at least one
 * load-balancer ingress point, Progressing before.
 * @public
 */
export function ingressHealth(obj: KubeObject): ResourceHealth {
  const ingress = list(at(obj, 'status', 'loadBalancer', 'ingress'));
  return { status: ingress.length > 0 ? 'Healthy' : 'Progressing' };
}
