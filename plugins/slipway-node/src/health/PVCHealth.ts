import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, str } from './fields';
import { unsupportedVersion } from './gvk';

/**
 * PersistentVolumeClaim health from its phase: Bound is Healthy, Pending is
 * Progressing, Lost is Degraded, anything else Unknown.
 * @public
 */
export function pvcHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'PersistentVolumeClaim', ['v1']);
  if (unsupported) return unsupported;
  switch (str(at(obj, 'status', 'phase'))) {
    case 'Lost':
      return { status: 'Degraded' };
    case 'Pending':
      return { status: 'Progressing' };
    case 'Bound':
      return { status: 'Healthy' };
    default:
      return { status: 'Unknown' };
  }
}
