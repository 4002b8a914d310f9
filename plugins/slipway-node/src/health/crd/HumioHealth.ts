import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { scriptFailure, withMessage } from './luaValues';

/** Until the Humio operator reports a state it knows. */
const UPDATE_IN_PROGRESS: ResourceHealth = {
  status: 'Progressing',
  message: 'Update in progress',
};

/** Humio component states and the health each one means. */
const COMPONENT_STATES = new Map<unknown, ResourceHealth['status']>([
  ['Exists', 'Healthy'],
  ['NotFound', 'Missing'],
  ['ConfigError', 'Degraded'],
  ['Unknown', 'Unknown'],
]);

/**
 * Health of a Humio (LogScale) component the operator manages in a Humio
 * cluster (action, alert, ingest token, parser, repository, view): its
 * `status.state` says whether the component exists there (Healthy), is
 * missing (Missing), is misconfigured (Degraded) or unknown (Unknown), each
 * quoted as `Component state: <state>.`. Any other state is still in
 * progress.
 * @public
 */
export function humioComponentHealth(obj: KubeObject): ResourceHealth {
  const state = at(obj, 'status', 'state');
  const status = COMPONENT_STATES.get(state);
  if (status === undefined) return UPDATE_IN_PROGRESS;
  return { status, message: `Component state: ${String(state)}.` };
}

/** HumioCluster states: health and the message used when Humio gave none. */
const CLUSTER_STATES = new Map<unknown, ResourceHealth>([
  [
    'Running',
    { status: 'Healthy', message: 'Cluster is in a healthy running state' },
  ],
  [
    'Restarting',
    { status: 'Progressing', message: 'Cluster pods are being restarted' },
  ],
  [
    'Upgrading',
    { status: 'Progressing', message: 'Cluster pods are being upgraded' },
  ],
  [
    'ConfigError',
    {
      status: 'Degraded',
      message:
        'User-provided cluster specification resulted in a configuration error',
    },
  ],
  [
    'Pending',
    {
      status: 'Progressing',
      message: 'Cluster is waiting on resources to be provisioned',
    },
  ],
  ['Unknown', { status: 'Unknown', message: 'Component state: Unknown.' }],
]);

/**
 * Humio `HumioCluster` health from `status.state` (running: Healthy;
 * restarting, upgrading or pending: Progressing; a configuration error:
 * Degraded; unknown: Unknown). The operator's `status.message`, when
 * present, replaces the default message. Other states are in progress.
 * @public
 */
export function humioClusterHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    // Argo CD's script reads status.message on a missing status and fails.
    return scriptFailure('the HumioCluster has no status');
  }
  const known = CLUSTER_STATES.get(at(status, 'state'));
  if (!known) return UPDATE_IN_PROGRESS;
  const own = at(status, 'message');
  return isNil(own) ? known : withMessage(known.status, own);
}

/**
 * Argo CD's bundled checks for the Humio operator (`core.humio.com`), keyed
 * as its resource_customizations folders are named.
 * @public
 */
export const humioHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'core.humio.com/HumioAction': humioComponentHealth,
  'core.humio.com/HumioAlert': humioComponentHealth,
  'core.humio.com/HumioCluster': humioClusterHealth,
  'core.humio.com/HumioIngestToken': humioComponentHealth,
  'core.humio.com/HumioParser': humioComponentHealth,
  'core.humio.com/HumioRepository': humioComponentHealth,
  'core.humio.com/HumioView': humioComponentHealth,
};
