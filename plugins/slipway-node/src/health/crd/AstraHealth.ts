import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaText, scriptFailure, withMessage } from './luaValues';

/*
 * NetApp Astra Control / Trident protect (astra.netapp.io). Most kinds
 * report a single `status.state`; Argo CD names the kind in its messages.
 */

/** Until the controller reports anything. */
const NO_STATUS: ResourceHealth = {
  status: 'Progressing',
  message: 'No status available',
};

/**
 * One run of a data-protection job (`Backup`, `ResourceBackup`,
 * `ResticVolumeBackup`): Completed is Healthy, Running is Progressing;
 * any other state is Degraded with the state itself as the message.
 */
function protectionRunHealth(obj: KubeObject): ResourceHealth {
  const state = at(obj, 'status', 'state');
  if (isNil(state)) return NO_STATUS;
  if (state === 'Completed') {
    return { status: 'Healthy', message: `${obj.kind} Completed` };
  }
  if (state === 'Running') {
    return { status: 'Progressing', message: `${obj.kind} Running` };
  }
  return withMessage('Degraded', state);
}

/**
 * Astra `AppVault` (a bucket for backups) health: available is Healthy,
 * failed is Degraded, in either capitalisation; any other state, or none,
 * is still being checked.
 * @public
 */
export function appVaultHealth(obj: KubeObject): ResourceHealth {
  const state = at(obj, 'status', 'state');
  if (state === 'available' || state === 'Available') {
    return { status: 'Healthy', message: `${obj.kind} Available` };
  }
  if (state === 'failed' || state === 'Failed') {
    return { status: 'Degraded', message: `${obj.kind} Failed` };
  }
  return NO_STATUS;
}

/**
 * Astra `Application` health from its first decided `Ready` condition:
 * True is Healthy naming the protection state, False is Degraded quoting
 * the condition. Argo CD's script fails when the field it quotes is
 * missing; that shows here as Unknown.
 * @public
 */
export function astraApplicationHealth(obj: KubeObject): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') {
      const state = luaText(at(obj, 'status', 'protectionState'));
      if (state === undefined) return scriptFailure('no protectionState');
      return {
        status: 'Healthy',
        message: `Astra Application Ready, protectionState: ${state}`,
      };
    }
    if (c.status === 'False') {
      const message = luaText(c.message);
      if (message === undefined) return scriptFailure('no Ready message');
      return {
        status: 'Degraded',
        message: `Astra Application Degraded, message: ${message}`,
      };
    }
  }
  return NO_STATUS;
}

/** Astra `Backup` health from its state. @public */
export function astraBackupHealth(obj: KubeObject): ResourceHealth {
  return protectionRunHealth(obj);
}

/** Astra `ResourceBackup` health from its state. @public */
export function resourceBackupHealth(obj: KubeObject): ResourceHealth {
  return protectionRunHealth(obj);
}

/** Astra `ResticVolumeBackup` health from its state. @public */
export function resticVolumeBackupHealth(obj: KubeObject): ResourceHealth {
  return protectionRunHealth(obj);
}

/**
 * Astra `ExecHook` health from `spec.enabled`: an enabled hook is
 * Healthy, a disabled one Suspended; unset says nothing yet.
 * @public
 */
export function execHookHealth(obj: KubeObject): ResourceHealth {
  const enabled = at(obj, 'spec', 'enabled');
  if (enabled === true) {
    return { status: 'Healthy', message: `${obj.kind} enabled` };
  }
  if (enabled === false) {
    return { status: 'Suspended', message: `${obj.kind} disabled` };
  }
  return NO_STATUS;
}

/**
 * Astra `Schedule` (a protection policy) is always Healthy; the message
 * says when it last ran, if it has.
 * @public
 */
export function astraScheduleHealth(obj: KubeObject): ResourceHealth {
  const last = at(obj, 'status', 'lastScheduleTime');
  if (isNil(last)) {
    return { status: 'Healthy', message: 'Protection policy not yet executed' };
  }
  const text = luaText(last);
  if (text === undefined) return scriptFailure('lastScheduleTime is not text');
  return {
    status: 'Healthy',
    message: `Protection policy lastScheduleTime: ${text}`,
  };
}

/**
 * Health checks of Astra's kinds, keyed `group/Kind` as Argo CD's
 * resource_customizations folders are.
 * @public
 */
export const astraHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'astra.netapp.io/AppVault': appVaultHealth,
  'astra.netapp.io/Application': astraApplicationHealth,
  'astra.netapp.io/Backup': astraBackupHealth,
  'astra.netapp.io/ExecHook': execHookHealth,
  'astra.netapp.io/ResourceBackup': resourceBackupHealth,
  'astra.netapp.io/ResticVolumeBackup': resticVolumeBackupHealth,
  'astra.netapp.io/Schedule': astraScheduleHealth,
};
