import type {
  OperationSummary,
  ResourceActionResult,
  ResourceActionsResponse,
  ResourceDetailResponse,
  ResourceKey,
  ResourceTreeResponse,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';

/** What a request to start an operation led to. */
export type OperationRequestResult =
  | { status: 'created'; operation: OperationSummary }
  | { status: 'conflict'; activeOperation: OperationSummary }
  | { status: 'refused'; reason: string };

/** What the engine knows of an application beyond its stored status. */
export interface ApplicationDescription {
  /** The Application's name (its tracking label value). */
  name: string;
  /** The first source's repository, to link commits. */
  repoURL?: string;
  syncPolicy: { automated: boolean; prune: boolean; selfHeal: boolean };
  /** Whether the project's sync windows allow syncs now. */
  syncWindow?: { allowed: boolean; manualAllowed: boolean; reason?: string };
}

/**
 * What the REST API asks of the engine. Reads of stored status, history and
 * operations go to the store directly; everything that needs the live
 * cluster, Git or the work queue goes through this interface, so that the
 * router can be tested with a fake and the reconciler without HTTP.
 */
export interface SlipwayEngine {
  /** The application's policy and sync windows; undefined when the engine does not track it. */
  describe(entityRef: string): ApplicationDescription | undefined;
  /** Queues a refresh (normal or hard) of one application; resolves when queued. */
  refresh(entityRef: string, options: { hard: boolean }): Promise<void>;
  /** Queues a sync; at most one operation per application is queued or running. */
  sync(entityRef: string, request: SyncRequestBody, initiator: string): Promise<OperationRequestResult>;
  /** Queues a sync to the revision and source of a history entry. */
  rollback(
    entityRef: string,
    historyId: number,
    options: { prune?: boolean; dryRun?: boolean },
    initiator: string,
  ): Promise<OperationRequestResult>;
  /** Asks a running operation to stop; undefined when no such operation. */
  terminate(operationId: string, initiator: string): Promise<OperationSummary | undefined>;
  /**
   * Deletes every cluster resource the application manages (explicit cascade
   * delete), but those marked Delete=false, and Delete=confirm unless confirmed.
   */
  deleteResources(
    entityRef: string,
    initiator: string,
    options?: { confirmed?: boolean },
  ): Promise<{ deleted: ResourceKey[]; kept: Array<{ resource: ResourceKey; reason: string }> }>;
  /** The live resource tree of the application, with sync and health per node. */
  resourceTree(entityRef: string): Promise<ResourceTreeResponse | undefined>;
  /** One resource: live, desired, diff and events; Secret values masked. */
  resource(entityRef: string, key: ResourceKey): Promise<ResourceDetailResponse | undefined>;
  /** The actions a resource of the application's tree offers (Argo CD's resource actions). */
  resourceActions(entityRef: string, key: ResourceKey): Promise<ResourceActionsResponse>;
  /** Deletes one resource of the application's tree or of its orphans. */
  deleteResource(
    entityRef: string,
    key: ResourceKey,
    propagationPolicy: 'Foreground' | 'Background' | 'Orphan',
  ): Promise<{ deleted: ResourceKey }>;
  /**
   * Runs a resource action with the values sent for it (`parameters`, by
   * name); throws NotFound, Input or Conflict errors naming the resource and why.
   */
  runResourceAction(
    entityRef: string,
    key: ResourceKey,
    action: string,
    parameters?: Readonly<Record<string, string>>,
  ): Promise<ResourceActionResult>;
  /**
   * Refreshes every application whose source is the repository (and, when
   * given, the branch) of a push, but those whose manifest-generate-paths
   * the push's changed files (when known) do not touch; returns their entity refs.
   */
  refreshForPush(repoURL: string, branch: string | undefined, changedFiles?: string[]): Promise<string[]>;
}
