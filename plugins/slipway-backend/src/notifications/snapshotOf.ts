import type { ResourceKey } from '@slipway/plugin-slipway-common';
import type { ApplicationState } from '../reconciler/ApplicationState';
import type { ApplicationSnapshot } from './notificationContent';

function resourceName(key: ResourceKey): string {
  return `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

/** What a notification says about an application, from the reconciler's last comparison. Pure. */
export function snapshotOf(state: ApplicationState | undefined): ApplicationSnapshot | undefined {
  if (!state) return undefined;
  const refreshed = state.refreshed;
  const resources = refreshed?.resources ?? [];
  return {
    sync: state.sync,
    health: state.health,
    healthMessage: refreshed?.health.message,
    unhealthy: resources
      .filter(r => r.health && r.health.status !== 'Healthy')
      .map(r => ({ resource: resourceName(r.key), status: r.health!.status, message: r.health!.message })),
    outOfSync: resources.filter(r => r.status === 'OutOfSync').map(r => resourceName(r.key)),
    conditions: [...(refreshed?.conditions ?? []), ...state.violations],
  };
}
