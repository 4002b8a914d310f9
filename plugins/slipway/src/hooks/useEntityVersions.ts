import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { VersionsResponse } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../api';
import { isSlipwayApplication } from '../predicates';
import { LiveData, useLiveData } from './useLiveData';

/** Versions change only when a sync ends, so polling is slow. */
const VERSIONS_POLL_MS = 30_000;

/**
 * Images and charts per application of an entity (a Component's
 * applications, or an Application itself). Reloads on status signals about
 * these applications, not on per-resource progress messages.
 */
export function useEntityVersions(entity: Entity): LiveData<VersionsResponse> {
  const api = useApi(slipwayApiRef);
  const entityRef = stringifyEntityRef(entity);
  const own = isSlipwayApplication(entity);
  const live: LiveData<VersionsResponse> = useLiveData<VersionsResponse>(
    () => api.getVersions(own ? { entityRef: [entityRef] } : { component: entityRef }),
    [api, entityRef, own],
    {
      isRelevant: (message): boolean =>
        !message.progress &&
        (message.entityRef === entityRef ||
          (live.value?.items ?? []).some(item => item.entityRef === message.entityRef)),
      pollInterval: () => VERSIONS_POLL_MS,
    },
  );
  return live;
}
