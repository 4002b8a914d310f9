import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { conditionsOf } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * APIService health from its `Available` condition: true is Healthy, any
 * other value Progressing; without the condition the aggregator has not
 * processed it yet.
 * @public
 */
export function apiServiceHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'APIService', [
    'apiregistration.k8s.io/v1',
    'apiregistration.k8s.io/v1beta1',
  ]);
  if (unsupported) return unsupported;
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Available') {
      return {
        status: c.status === 'True' ? 'Healthy' : 'Progressing',
        message: `${c.reason}: ${c.message}`,
      };
    }
  }
  return { status: 'Progressing', message: 'Waiting to be processed' };
}
