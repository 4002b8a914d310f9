import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { scriptFailure } from './luaValues';

/**
 * Keptn lifecycle objects report one overall outcome as a word: Succeeded
 * is Healthy, Failed is Degraded, and anything else (Pending, Progressing,
 * no word yet) is still Progressing. The messages name the kind, as Argo
 * CD's scripts do.
 */
function keptnOutcomeHealth(
  kind: string,
  field: 'status' | 'overallStatus',
): HealthCheck {
  return (obj: KubeObject): ResourceHealth => {
    const status = at(obj, 'status');
    // Argo CD's script reads `obj.status.<field>` unguarded and fails.
    if (isNil(status)) return scriptFailure(`${kind} has no status`);
    const outcome = at(status, field);
    if (outcome === 'Succeeded') {
      return { status: 'Healthy', message: `${kind} is healthy` };
    }
    if (outcome === 'Failed') {
      return { status: 'Degraded', message: `${kind} is degraded` };
    }
    return { status: 'Progressing', message: `${kind} is progressing` };
  };
}

/**
 * Keptn (`lifecycle.keptn.sh`) health checks: application and workload
 * versions, their tasks and evaluations. An evaluation's outcome is its
 * `status.overallStatus`; the others' is `status.status`.
 * @public
 */
export const keptnHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'lifecycle.keptn.sh/KeptnAppVersion': keptnOutcomeHealth(
    'KeptnAppVersion',
    'status',
  ),
  'lifecycle.keptn.sh/KeptnWorkloadVersion': keptnOutcomeHealth(
    'KeptnWorkloadVersion',
    'status',
  ),
  'lifecycle.keptn.sh/KeptnWorkloadInstance': keptnOutcomeHealth(
    'KeptnWorkloadInstance',
    'status',
  ),
  'lifecycle.keptn.sh/KeptnTask': keptnOutcomeHealth('KeptnTask', 'status'),
  'lifecycle.keptn.sh/KeptnEvaluation': keptnOutcomeHealth(
    'KeptnEvaluation',
    'overallStatus',
  ),
};
