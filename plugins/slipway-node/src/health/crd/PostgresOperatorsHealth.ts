import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, conditionsOf, isNil, str } from '../fields';

/**
 * How Argo CD reads each CloudNativePG `Cluster` phase. A phase not listed
 * here is Unknown. Switchovers, failovers and in-place restarts are
 * Degraded because the cluster is (briefly) not serving as configured;
 * phases that need a human are Suspended.
 */
const CNPG_CLUSTER_PHASES: ReadonlyMap<string, HealthStatusCode> = new Map([
  ['Cluster in healthy state', 'Healthy'],
  ['Setting up primary', 'Progressing'],
  ['Creating a new replica', 'Progressing'],
  ['Upgrading cluster', 'Progressing'],
  ['Waiting for the instances to become active', 'Progressing'],
  ['Promoting to primary cluster', 'Progressing'],
  ['Switchover in progress', 'Degraded'],
  ['Failing over', 'Degraded'],
  ['Upgrading Postgres major version', 'Degraded'],
  ['Cluster upgrade delayed', 'Degraded'],
  ['Waiting for user action', 'Degraded'],
  ['Primary instance is being restarted in-place', 'Degraded'],
  ['Primary instance is being restarted without a switchover', 'Degraded'],
  [
    'Cluster cannot execute instance online upgrade due to missing architecture binary',
    'Degraded',
  ],
  ['Online upgrade in progress', 'Degraded'],
  ['Applying configuration', 'Degraded'],
  ['Unable to create required cluster objects', 'Suspended'],
  [
    'Cluster cannot proceed to reconciliation due to an unknown plugin being required',
    'Suspended',
  ],
  ['Cluster has incomplete or invalid image catalog', 'Suspended'],
  ['Cluster is unrecoverable and needs manual intervention', 'Suspended'],
]);

const CNPG_CLUSTER_WAITING =
  'Waiting for the CloudNativePG operator to report cluster status';

/**
 * CloudNativePG `Cluster` health. Disabling the reconciliation loop
 * (annotation `cnpg.io/reconciliationLoop: disabled`) is a deliberate user
 * action and wins: Suspended. Once the operator reports conditions, a
 * hibernation condition decides (True: Suspended, otherwise Degraded, with
 * its message); without one the phase is looked up, with `phaseReason` as the
 * message. Without conditions the cluster is Progressing.
 * @public
 */
export function cnpgClusterHealth(obj: KubeObject): ResourceHealth {
  if (
    obj.metadata?.annotations?.['cnpg.io/reconciliationLoop'] === 'disabled'
  ) {
    return {
      status: 'Suspended',
      message: 'Cluster reconciliation is suspended',
    };
  }
  const status = at(obj, 'status');
  const phaseReason = at(status, 'phaseReason');
  if (!isNil(status) && !isNil(at(status, 'conditions'))) {
    const hibernation = conditionsOf(obj).find(
      c => c.type === 'cnpg.io/hibernation',
    );
    if (hibernation) {
      return {
        status: hibernation.status === 'True' ? 'Suspended' : 'Degraded',
        message: hibernation.message,
      };
    }
    const phase = at(status, 'phase');
    return {
      status:
        (typeof phase === 'string' && CNPG_CLUSTER_PHASES.get(phase)) ||
        'Unknown',
      message: str(phaseReason),
    };
  }
  // Upstream writes `status ~= nil and status.phaseReason or waiting`, so a
  // status without a phaseReason (a phase but no conditions yet) also gets
  // the waiting message; an empty phaseReason is kept, as Lua's "" is true.
  return {
    status: 'Progressing',
    message:
      !isNil(status) && !isNil(phaseReason) && phaseReason !== false
        ? str(phaseReason)
        : CNPG_CLUSTER_WAITING,
  };
}

/** Backup phases that mean the backup did not (or cannot) succeed. */
const CNPG_BACKUP_FAILED = new Set([
  'failed',
  'walArchivingFailing',
  'invalid backup definition',
]);

/**
 * CloudNativePG `Backup` health from `status.phase`: `completed` is
 * Healthy, a failed phase Degraded (with the operator's `error` when it gave
 * one), any other phase Progressing with the phase as message.
 * @public
 */
export function cnpgBackupHealth(obj: KubeObject): ResourceHealth {
  const phase = at(obj, 'status', 'phase');
  if (isNil(phase) || phase === '') {
    return {
      status: 'Progressing',
      message: 'Waiting for backup to be processed',
    };
  }
  const text = str(phase);
  if (text === 'completed') {
    return { status: 'Healthy', message: 'Backup completed' };
  }
  if (CNPG_BACKUP_FAILED.has(text)) {
    const error = at(obj, 'status', 'error');
    return {
      status: 'Degraded',
      message: isNil(error) || error === false ? text : str(error),
    };
  }
  return { status: 'Progressing', message: text };
}

/**
 * CloudNativePG `Database` health. The operator advances
 * `status.observedGeneration` only on a successful reconcile, so a Database
 * is judged by `status.applied` only once its current generation has been
 * observed: applied is Healthy, not applied is a regression (Degraded).
 * Anything else (a first reconcile, a pending spec change, or a failure
 * before the generation was ever applied, such as a missing owner role on
 * first adoption) is Progressing, so that a sync wave waits instead of
 * failing; the operator's message is shown when it gave one.
 * @public
 */
export function cnpgDatabaseHealth(obj: KubeObject): ResourceHealth {
  const waiting = 'Waiting for CloudNativePG to reconcile Database';
  const status = at(obj, 'status');
  if (isNil(status)) return { status: 'Progressing', message: waiting };
  const generation = obj.metadata?.generation;
  const generationObserved =
    isNil(generation) || at(status, 'observedGeneration') === generation;
  const applied = at(status, 'applied');
  const message = at(status, 'message');
  // Lua's `message or fallback` only falls back on nil (and false).
  const messageOr = (fallback: string) =>
    isNil(message) || message === false ? fallback : str(message);
  if (applied === true && generationObserved) {
    return { status: 'Healthy', message: messageOr('') };
  }
  if (applied === false && generationObserved) {
    return {
      status: 'Degraded',
      message: messageOr('CloudNativePG failed to apply the Database'),
    };
  }
  return {
    status: 'Progressing',
    message: message === '' ? waiting : messageOr(waiting),
  };
}

/**
 * Zalando postgres-operator `postgresql` health from
 * `status.PostgresClusterStatus`: Running is Healthy, Creating and Updating
 * are Progressing, every other value (CreateFailed, UpdateFailed,
 * SyncFailed, Invalid, ...) is Degraded; the status word is the message.
 * @public
 */
export function zalandoPostgresqlHealth(obj: KubeObject): ResourceHealth {
  const clusterStatus = at(obj, 'status', 'PostgresClusterStatus');
  if (isNil(clusterStatus)) {
    return {
      status: 'Progressing',
      message: 'Waiting for postgres cluster status...',
    };
  }
  const message = str(clusterStatus);
  if (message === 'Running') return { status: 'Healthy', message };
  if (message === 'Creating' || message === 'Updating') {
    return { status: 'Progressing', message };
  }
  return { status: 'Degraded', message };
}

/**
 * Slipway's checks for the CloudNativePG and Zalando Postgres operators,
 * keyed as Argo CD's resource_customizations folders are named.
 * @public
 */
export const postgresOperatorsHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'postgresql.cnpg.io/Cluster': cnpgClusterHealth,
  'postgresql.cnpg.io/Backup': cnpgBackupHealth,
  'postgresql.cnpg.io/Database': cnpgDatabaseHealth,
  'acid.zalan.do/postgresql': zalandoPostgresqlHealth,
};
