import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at } from '../fields';

/**
 * The overall `status.status` an IstioOperator reports, by name or by its
 * enum number (older operators), and the health each one means.
 */
const ISTIO_STATUSES: ReadonlyArray<[string, number, ResourceHealth]> = [
  ['NONE', 0, { status: 'Unknown', message: 'Component is not present.' }],
  [
    'UPDATING',
    1,
    {
      status: 'Progressing',
      message: 'Component is being updated to a different version.',
    },
  ],
  [
    'RECONCILING',
    2,
    {
      status: 'Progressing',
      message:
        'Controller has started but not yet completed reconciliation loop for the component.',
    },
  ],
  ['HEALTHY', 3, { status: 'Healthy', message: 'Component is healthy.' }],
  [
    'ERROR',
    4,
    { status: 'Degraded', message: 'Component is in an error state.' },
  ],
];

/**
 * Istio `IstioOperator` health from the operator's overall status; until it
 * reports a known one the control plane is Progressing.
 * @public
 */
export function istioOperatorHealth(obj: KubeObject): ResourceHealth {
  const reported = at(obj, 'status', 'status');
  const known = ISTIO_STATUSES.find(
    ([name, code]) => reported === name || reported === code,
  );
  if (known) return known[2];
  return { status: 'Progressing', message: 'Waiting for Istio Control Plane' };
}

/**
 * Argo CD's bundled check for the Istio operator (`install.istio.io`), keyed
 * as its resource_customizations folder is named.
 * @public
 */
export const istioOperatorHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'install.istio.io/IstioOperator': istioOperatorHealth,
  };
