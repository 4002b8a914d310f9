import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  HistoryItem,
  OperationSummary,
  SlipwayApplication,
} from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../api';
import { isSlipwayApplication } from '../predicates';
import { sortByEnvironment } from './useEntityApplications';
import { LiveData, useLiveData } from './useLiveData';

/** One deployment of one of the entity's applications. */
export interface DeploymentRow {
  id: string;
  application: SlipwayApplication;
  item: HistoryItem;
  /** The sync or rollback that made this deployment, when still known. */
  operation?: OperationSummary;
  /** The application's newest deployment: what runs now. */
  current: boolean;
}

/** History grows only when an operation ends, so polling is slow. */
const HISTORY_POLL_MS = 30_000;

const FINISHED = new Set(['Succeeded', 'Failed', 'Error', 'Terminated']);

/**
 * The deployments of an entity's applications, newest first, each with
 * the operation that made it. Reloads when an operation of one of them ends.
 */
export function useEntityHistory(entity: Entity): LiveData<DeploymentRow[]> {
  const api = useApi(slipwayApiRef);
  const entityRef = stringifyEntityRef(entity);
  const own = isSlipwayApplication(entity);
  const live: LiveData<DeploymentRow[]> = useLiveData<DeploymentRow[]>(
    async () => {
      let applications: SlipwayApplication[];
      if (own) {
        const app = await api.getApplication(entityRef);
        applications = app ? [app] : [];
      } else {
        applications = sortByEnvironment((await api.listApplications({ component: entityRef })).items);
      }
      const perApplication = await Promise.all(
        applications.map(async application => {
          const [history, operations] = await Promise.all([
            api.getHistory(application.entityRef),
            api.listOperations(application.entityRef),
          ]);
          const byId = new Map(operations.items.map(op => [op.id, op]));
          const newest = Math.max(...history.items.map(item => item.id));
          return history.items.map(
            (item): DeploymentRow => ({
              id: `${application.entityRef}#${item.id}`,
              application,
              item,
              operation: item.operationId ? byId.get(item.operationId) : undefined,
              current: item.id === newest,
            }),
          );
        }),
      );
      return perApplication.flat().sort((a, b) => b.item.deployedAt.localeCompare(a.item.deployedAt));
    },
    [api, entityRef, own],
    {
      isRelevant: (message): boolean =>
        !!message.operation &&
        FINISHED.has(message.operation.phase) &&
        (message.entityRef === entityRef ||
          (live.value ?? []).some(row => row.application.entityRef === message.entityRef)),
      pollInterval: () => HISTORY_POLL_MS,
    },
  );
  return live;
}
