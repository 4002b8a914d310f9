import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { luaText, luaTruthy, scriptFailure, withMessage } from './luaValues';

/**
 * The shared shape of NetApp Trident's resources: the operator writes a
 * verdict and a human message into `status`; `judge` reads the verdict, and
 * until it gives one the resource is Progressing with `waitingMessage`.
 */
function tridentHealth(
  obj: KubeObject,
  judge: (status: unknown) => HealthStatusCode | undefined,
  waitingMessage: string,
): ResourceHealth {
  const status = at(obj, 'status');
  const verdict = isNil(status) ? undefined : judge(status);
  if (verdict) return withMessage(verdict, at(status, 'message'));
  return { status: 'Progressing', message: waitingMessage };
}

/**
 * Trident `TridentBackendConfig` health: Healthy once the backend is Bound
 * and the last operation succeeded, Degraded when the last operation failed.
 * @public
 */
export function tridentBackendConfigHealth(obj: KubeObject): ResourceHealth {
  return tridentHealth(
    obj,
    status => {
      const lastOperation = at(status, 'lastOperationStatus');
      if (at(status, 'phase') === 'Bound' && lastOperation === 'Success') {
        return 'Healthy';
      }
      return lastOperation === 'Failed' ? 'Degraded' : undefined;
    },
    'Waiting for backend creation',
  );
}

/**
 * Trident `TridentOrchestrator` health from the operator's installation
 * state in `status.status`: Installed, or Failed/Error.
 * @public
 */
export function tridentOrchestratorHealth(obj: KubeObject): ResourceHealth {
  return tridentHealth(
    obj,
    status => {
      const state = at(status, 'status');
      if (state === 'Installed') return 'Healthy';
      return state === 'Failed' || state === 'Error' ? 'Degraded' : undefined;
    },
    'Waiting for trident installation',
  );
}

/** Lua truthiness: anything but nil and false. */
/**
 * CSI `VolumeSnapshot` and `VolumeSnapshotContent` health: a snapshot that
 * is ready to use is Healthy even if an earlier error is still recorded;
 * otherwise a recorded error is Degraded with its message.
 * @public
 */
export function volumeSnapshotHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (luaTruthy(at(status, 'readyToUse'))) {
    return { status: 'Healthy', message: 'Ready to use' };
  }
  const error = at(status, 'error');
  if (!isNil(error)) {
    // Lua can look a field up in a table or a string (finding nothing in
    // the latter), but fails on any other value.
    if (typeof error !== 'object' && typeof error !== 'string') {
      return scriptFailure('the snapshot status.error is not an object');
    }
    return withMessage('Degraded', at(error, 'message'));
  }
  return { status: 'Progressing', message: 'Waiting for status' };
}

/**
 * Longhorn `Volume` health from `status.state` and `status.robustness`: a
 * faulted volume (its data unavailable) is Degraded whatever its state; an
 * attached volume is Healthy only when its replicas are healthy (a degraded
 * one is rebuilding replicas: Progressing); a cleanly detached volume is
 * idle and Healthy; any other state (creating, attaching, ...) is shown as
 * Progressing.
 * @public
 */
export function longhornVolumeHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (!isNil(status)) {
    const state = at(status, 'state');
    const robustness = at(status, 'robustness');
    if (robustness === 'faulted') {
      return { status: 'Degraded', message: 'Volume is faulted' };
    }
    if (state === 'attached') {
      if (robustness === 'healthy') {
        return { status: 'Healthy', message: 'Volume is attached and healthy' };
      }
      if (robustness === 'degraded') {
        return {
          status: 'Progressing',
          message: 'Volume is degraded (rebuilding replicas)',
        };
      }
      return { status: 'Progressing', message: 'Volume is attached' };
    }
    if (state === 'detached') {
      return { status: 'Healthy', message: 'Volume is detached' };
    }
    if (!isNil(state) && state !== '') {
      const text = luaText(state);
      return text === undefined
        ? scriptFailure('the Longhorn volume state is not text')
        : { status: 'Progressing', message: `Volume is ${text}` };
    }
  }
  return { status: 'Progressing', message: 'Waiting for volume' };
}

/**
 * Slipway's checks for storage operators (NetApp Trident, CSI snapshots,
 * Longhorn), keyed as Argo CD's resource_customizations folders are named.
 * @public
 */
export const storageHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'trident.netapp.io/TridentBackendConfig': tridentBackendConfigHealth,
  'trident.netapp.io/TridentOrchestrator': tridentOrchestratorHealth,
  'snapshot.storage.k8s.io/VolumeSnapshot': volumeSnapshotHealth,
  'snapshot.storage.k8s.io/VolumeSnapshotContent': volumeSnapshotHealth,
  'longhorn.io/Volume': longhornVolumeHealth,
};
