import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../api';
import { isSlipwayApplication } from '../predicates';
import { compareEnvironments } from './environmentOrder';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, LiveData, useLiveData } from './useLiveData';

/** True while an application has an operation that has not finished. */
export function isOperationActive(app: SlipwayApplication): boolean {
  const phase = app.operation?.phase;
  return phase === 'Queued' || phase === 'Running' || phase === 'Terminating';
}

/** Sorts applications by environment (known stages first), then by name. */
export function sortByEnvironment(apps: SlipwayApplication[]): SlipwayApplication[] {
  return [...apps].sort(
    (a, b) =>
      compareEnvironments(a.environment, b.environment) || a.name.localeCompare(b.name),
  );
}

/**
 * The Slipway applications of an entity: its own for an Application entity,
 * the applications of a Component otherwise, sorted by environment. Live:
 * reloads on signals about them and polls, faster while one of them runs
 * an operation.
 */
export function useEntityApplications(entity: Entity): LiveData<SlipwayApplication[]> {
  const api = useApi(slipwayApiRef);
  const entityRef = stringifyEntityRef(entity);
  const own = isSlipwayApplication(entity);
  const live: LiveData<SlipwayApplication[]> = useLiveData<SlipwayApplication[]>(
    async () => {
      if (own) {
        const app = await api.getApplication(entityRef);
        return app ? [app] : [];
      }
      const { items } = await api.listApplications({ component: entityRef });
      return sortByEnvironment(items);
    },
    [api, entityRef, own],
    {
      isRelevant: (message): boolean =>
        message.entityRef === entityRef ||
        (live.value ?? []).some(app => app.entityRef === message.entityRef),
      pollInterval: apps => (apps?.some(isOperationActive) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
    },
  );
  return live;
}
