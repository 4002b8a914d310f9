import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { luaOr, withMessage } from './luaValues';

/**
 * Phases in which Velero gave up on a backup or restore, wholly or partly.
 * A partial failure counts as Degraded: some data was not saved or restored.
 */
const FAILED_PHASES: ReadonlySet<unknown> = new Set([
  'FailedValidation',
  'Failed',
  'PartiallyFailed',
  'WaitingForPluginOperationsPartiallyFailed',
  'FinalizingPartiallyFailed',
]);

/**
 * The shared shape of `Backup` and `Restore`: both are one-off operations
 * whose `status.phase` runs towards Completed or one of the failed phases.
 * Every other phase (New, InProgress, Finalizing, ...) is shown as it is.
 */
function operationHealth(
  obj: KubeObject,
  noun: 'backup' | 'restore',
  done: string,
): ResourceHealth {
  const status = at(obj, 'status');
  const phase = at(status, 'phase');
  if (isNil(phase)) {
    return {
      status: 'Progressing',
      message: `Waiting for ${noun} to be processed`,
    };
  }
  if (phase === 'Completed') return { status: 'Healthy', message: done };
  if (FAILED_PHASES.has(phase)) {
    // The controller's reason says more than the phase, when it gave one.
    return withMessage('Degraded', luaOr(at(status, 'failureReason'), phase));
  }
  return withMessage('Progressing', phase);
}

/** Velero `Backup` health from its phase. @public */
export function veleroBackupHealth(obj: KubeObject): ResourceHealth {
  return operationHealth(obj, 'backup', 'Backup completed');
}

/** Velero `Restore` health from its phase. @public */
export function veleroRestoreHealth(obj: KubeObject): ResourceHealth {
  return operationHealth(obj, 'restore', 'Restore completed');
}

/**
 * Velero `Schedule` health: Enabled is Healthy, a schedule that failed
 * validation (an invalid cron expression, say) is Degraded, and any other
 * phase (New) is shown as Progressing.
 * @public
 */
export function veleroScheduleHealth(obj: KubeObject): ResourceHealth {
  const phase = at(obj, 'status', 'phase');
  if (isNil(phase)) {
    return {
      status: 'Progressing',
      message: 'Waiting for schedule to be processed',
    };
  }
  if (phase === 'Enabled') {
    return { status: 'Healthy', message: 'Schedule is enabled' };
  }
  if (phase === 'FailedValidation') {
    return { status: 'Degraded', message: 'Schedule failed validation' };
  }
  return withMessage('Progressing', phase);
}

/**
 * Slipway's checks for Velero's backup resources, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const veleroHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'velero.io/Backup': veleroBackupHealth,
  'velero.io/Restore': veleroRestoreHealth,
  'velero.io/Schedule': veleroScheduleHealth,
};
