import { createApiRef } from '@backstage/core-plugin-api';
import type {
  HistoryResponse,
  ListApplicationsQuery,
  ListApplicationsResponse,
  OperationAccepted,
  OperationEventItem,
  OperationSummary,
  RefreshRequestBody,
  ResourceActionResult,
  ResourceActionsResponse,
  ResourceDetailResponse,
  ResourceKey,
  ResourceTreeResponse,
  RollbackRequestBody,
  SlipwayApplication,
  SyncRequestBody,
  VersionsResponse,
} from '@slipway/plugin-slipway-common';

/**
 * One page of an operation's progress events, oldest first. `nextCursor`
 * (the id of the page's last event) is present only while more events
 * follow; pass it as `after` to read the next page.
 * @public
 */
export interface OperationEventPage {
  items: OperationEventItem[];
  nextCursor?: number;
}

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
  /** The actions a resource offers (Argo CD's resource actions). */
  getResourceActions(entityRef: string, key: ResourceKey): Promise<ResourceActionsResponse>;
  /** Runs an action; `parameters` are the values of an action that asks for them, by name (e.g. `{scale: '3'}`). */
  runResourceAction(
    entityRef: string,
    key: ResourceKey,
    action: string,
    parameters?: Record<string, string>,
  ): Promise<ResourceActionResult>;
  /** Deletes one resource of the application from the cluster. */
  deleteResource(
    entityRef: string,
    key: ResourceKey,
    propagationPolicy?: 'foreground' | 'background' | 'orphan',
  ): Promise<{ deleted: ResourceKey }>;
  getHistory(entityRef: string): Promise<HistoryResponse>;
  /** Images and charts per application of a component (entity ref), or of the given applications. */
  getVersions(query: { component?: string; entityRef?: string[] }): Promise<VersionsResponse>;
  listOperations(entityRef: string): Promise<{ items: OperationSummary[] }>;
  /**
   * One page of an operation's events: those with an id above `after` (all
   * when absent), at most `limit` of them (backend default 500, maximum 1000).
   */
  getOperationEvents(operationId: string, page?: { after?: number; limit?: number }): Promise<OperationEventPage>;
  sync(entityRef: string, body: SyncRequestBody): Promise<OperationAccepted>;
  rollback(entityRef: string, body: RollbackRequestBody): Promise<OperationAccepted>;
  refresh(entityRef: string, body?: RefreshRequestBody): Promise<void>;
  terminateOperation(operationId: string): Promise<OperationSummary>;
}

/** @public */
export const slipwayApiRef = createApiRef<SlipwayApi>({ id: 'plugin.slipway.api' });
