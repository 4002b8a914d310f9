import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, list, str } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * Service health: a LoadBalancer Service is Progressing until the cloud
 * provider reports an ingress point; every other Service is Healthy.
 * @public
 */
export function serviceHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'Service', ['v1']);
  if (unsupported) return unsupported;
  if (str(at(obj, 'spec', 'type')) === 'LoadBalancer') {
    const ingress = list(at(obj, 'status', 'loadBalancer', 'ingress'));
    return { status: ingress.length > 0 ? 'Healthy' : 'Progressing' };
  }
  return { status: 'Healthy' };
}
