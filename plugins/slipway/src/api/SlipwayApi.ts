import { createApiRef } from '@backstage/core-plugin-api';
import type {
  HistoryResponse,
  ListApplicationsQuery,
  ListApplicationsResponse,
  OperationAccepted,
  OperationEventItem,
  OperationSummary,
  RefreshRequestBody,
  ResourceDetailResponse,
  ResourceKey,
  ResourceTreeResponse,
  RollbackRequestBody,
  SlipwayApplication,
  SyncRequestBody,
  VersionsResponse,
} from '@slipway/plugin-slipway-common';

/**
 * The Slipway backend's REST API (under /api/slipway) as the frontend uses
 * it. Applications are addressed by their catalog entity ref
 * (`application:<namespace>/<name>`).
 * @public
 */
export interface SlipwayApi {
  listApplications(query?: ListApplicationsQuery): Promise<ListApplicationsResponse>;
  /** Undefined when the backend does not know the application (yet). */
  getApplication(entityRef: string): Promise<SlipwayApplication | undefined>;
  getResourceTree(entityRef: string): Promise<ResourceTreeResponse>;
  getResource(entityRef: string, key: ResourceKey): Promise<ResourceDetailResponse>;
  getHistory(entityRef: string): Promise<HistoryResponse>;
  /** Images and charts per application of a component (entity ref), or of the given applications. */
  getVersions(query: { component?: string; entityRef?: string[] }): Promise<VersionsResponse>;
  listOperations(entityRef: string): Promise<{ items: OperationSummary[] }>;
  getOperationEvents(operationId: string): Promise<{ items: OperationEventItem[] }>;
  sync(entityRef: string, body: SyncRequestBody): Promise<OperationAccepted>;
  rollback(entityRef: string, body: RollbackRequestBody): Promise<OperationAccepted>;
  refresh(entityRef: string, body?: RefreshRequestBody): Promise<void>;
  terminateOperation(operationId: string): Promise<OperationSummary>;
}

/** @public */
export const slipwayApiRef = createApiRef<SlipwayApi>({ id: 'plugin.slipway.api' });
