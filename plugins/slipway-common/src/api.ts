/*
 * The REST API of the Slipway backend (under /api/slipway), as types shared
 * by the backend router and the frontend client. See the backend package's
 * OpenAPI document for the routes.
 */
import type {
  HealthStatus,
  HealthStatusCode,
  SyncStatusCode,
} from './status';
import type { KubeObject, ResourceKey } from './kubernetes';

/** Life cycle of an operation as the API reports it. @public */
export type OperationState =
  | 'Queued'
  | 'Running'
  | 'Terminating'
  | 'Succeeded'
  | 'Failed'
  | 'Error'
  | 'Terminated';

/** Body of POST /applications/:namespace/:name/sync. @public */
export interface SyncRequestBody {
  /** Commit, branch or tag to sync to; default: the Application's targetRevision. */
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** Only these resources (selective sync). */
  resources?: Array<{ group?: string; kind: string; namespace?: string; name: string }>;
  force?: boolean;
  /** Prune resources marked `Prune=confirm` too (Argo CD's "Confirm Pruning"); needs `prune`. */
  confirmPrune?: boolean;
}

/** Body of POST /applications/:namespace/:name/rollback. @public */
export interface RollbackRequestBody {
  /** The id of a history entry of the application. */
  historyId: number;
  prune?: boolean;
  dryRun?: boolean;
}

/** Body of POST /applications/:namespace/:name/refresh. @public */
export interface RefreshRequestBody {
  /** A hard refresh also forgets cached renders. */
  hard?: boolean;
}

/** One operation (sync or rollback) of an application. @public */
export interface OperationSummary {
  id: string;
  entityRef: string;
  kind: 'sync' | 'rollback';
  phase: OperationState;
  message?: string;
  /** User entity ref, or `automated` for the engine's own syncs. */
  initiator: string;
  request: SyncRequestBody & { historyId?: number };
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One progress event of an operation. @public */
export interface OperationEventItem {
  id: number;
  time: string;
  phase?: string;
  wave?: number;
  /** `group/kind/namespace/name`. */
  resourceKey?: string;
  status?: string;
  message?: string;
}

/** The commit a revision points at. @public */
export interface CommitInfo {
  sha: string;
  author?: string;
  message?: string;
  date?: string;
  /** An http(s) link to the commit, when the repository host is known. */
  url?: string;
}

/** An application as the list and detail endpoints return it. @public */
export interface SlipwayApplication {
  /** `application:<namespace>/<name>` */
  entityRef: string;
  name: string;
  componentRef?: string;
  project?: string;
  cluster?: string;
  /** `spec.destination.namespace` */
  destinationNamespace?: string;
  environment?: string;
  owner?: string;
  sync: { status: SyncStatusCode; revision?: string; changedAt?: string };
  health: { status: HealthStatusCode; message?: string; changedAt?: string };
  commit?: CommitInfo;
  conditions: Array<{ type: string; message: string; lastTransitionTime?: string }>;
  /** The last (or running) operation. */
  operation?: OperationSummary;
  syncPolicy: { automated: boolean; prune: boolean; selfHeal: boolean };
  /** Whether sync windows allow a sync now. */
  syncWindow?: { allowed: boolean; manualAllowed: boolean; reason?: string };
  reconciledAt?: string;
}

/** GET /applications @public */
export interface ListApplicationsResponse {
  items: SlipwayApplication[];
  totalCount: number;
  nextCursor?: string;
}

/** Query of GET /applications; every filter may repeat. @public */
export interface ListApplicationsQuery {
  entityRef?: string | string[];
  component?: string | string[];
  project?: string | string[];
  cluster?: string | string[];
  environment?: string | string[];
  owner?: string | string[];
  sync?: SyncStatusCode | SyncStatusCode[];
  health?: HealthStatusCode | HealthStatusCode[];
  limit?: number;
  cursor?: string;
  /** Only these top-level fields of each item (entityRef always). */
  fields?: string[];
}

/** One node of an application's resource tree. @public */
export interface SlipwayResourceNode extends ResourceKey {
  apiVersion: string;
  uid?: string;
  /** Owners, e.g. a Pod's ReplicaSet; empty for managed resources. */
  parents: ResourceKey[];
  managed: boolean;
  syncStatus?: SyncStatusCode;
  health?: HealthStatus;
  requiresPruning?: boolean;
  /**
   * A resource of the application's namespace that no application tracks,
   * or its child (Argo CD's orphaned resources); listed only when the
   * application's project monitors them.
   */
  orphaned?: boolean;
}

/** GET /applications/:namespace/:name/tree @public */
export interface ResourceTreeResponse {
  nodes: SlipwayResourceNode[];
}

/** GET /applications/:namespace/:name/resource @public */
export interface ResourceDetailResponse {
  key: ResourceKey;
  /** Live object, Secret values masked. */
  live?: KubeObject;
  /** Desired object from Git, Secret values masked. */
  desired?: KubeObject;
  /** Unified diff live → desired, empty when in sync. */
  diff: string;
  /** Kubernetes Events about the object, newest first. */
  events: Array<{ type?: string; reason?: string; message?: string; lastTimestamp?: string; count?: number }>;
}

/** One action a resource offers, with the fields of Argo CD's `ResourceAction`. @public */
export interface ResourceActionSummary {
  name: string;
  /** The action does not apply to the object as it is now. */
  disabled: boolean;
  /** The name to show instead of `name`. */
  displayName?: string;
  /** A Font Awesome icon class. */
  iconClass?: string;
  /** The action asks for one value, sent as the parameter named after the action. */
  hasParameters?: boolean;
  /** The value the form starts with (e.g. the current replicas). */
  defaultValue?: string;
  /** A value must match this. */
  regexp?: string;
  /** What to say when a value does not match `regexp`. */
  errorMessage?: string;
}

/** GET /applications/:namespace/:name/resource/actions: what a resource offers, as Argo CD's action discovery. @public */
export interface ResourceActionsResponse {
  actions: ResourceActionSummary[];
}

/** POST /applications/:namespace/:name/resource/actions @public */
export interface ResourceActionRequestBody {
  /** e.g. `restart`, `pause`, `resume`, `create-job`, `scale`. */
  action: string;
  resource: { group?: string; kind: string; namespace?: string; name: string };
  /**
   * Values for an action that asks for them (Argo CD's
   * resourceActionParameters), e.g. `[{"name": "scale", "value": "3"}]`.
   */
  parameters?: Array<{ name: string; value: string }>;
}

/** What a resource action changed. @public */
export interface ResourceActionResult {
  action: string;
  /** The values it ran with, when any were sent. */
  parameters?: Record<string, string>;
  changes: Array<{ operation: 'patch' | 'create'; resource: ResourceKey }>;
}

/** One deployment of an application: a rollback target. @public */
export interface HistoryItem {
  id: number;
  revision: string;
  source: unknown;
  initiator: string;
  deployedAt: string;
  commitAuthor?: string;
  commitMessage?: string;
  operationId?: string;
}

/** GET /applications/:namespace/:name/history @public */
export interface HistoryResponse {
  items: HistoryItem[];
}

/** A container image in one application. @public */
export interface ImageVersion {
  repository: string;
  tag?: string;
  digest?: string;
  container: string;
  /** `Deployment/payments` */
  resource: string;
}

/** A Helm chart in one application. @public */
export interface ChartVersion {
  repoURL: string;
  chart: string;
  version: string;
  /** Newest version in the chart's Helm repository, when known and newer. */
  latestVersion?: string;
}

/** GET /versions?component=... : which version runs where. @public */
export interface VersionsResponse {
  items: Array<{
    entityRef: string;
    environment?: string;
    cluster?: string;
    /** Images running in the cluster (desired ones when nothing runs yet). */
    images: ImageVersion[];
    charts: ChartVersion[];
  }>;
}

/** Answer of POST sync/rollback: the operation, or a conflict with the running one. @public */
export interface OperationAccepted {
  operation: OperationSummary;
}

/** Signal channel carrying status changes of every application. @public */
export const SLIPWAY_SIGNAL_CHANNEL = 'slipway:applications';

/** Message on {@link SLIPWAY_SIGNAL_CHANNEL}. @public */
export interface SlipwaySignalMessage {
  entityRef: string;
  sync?: SyncStatusCode;
  health?: HealthStatusCode;
  operation?: Pick<OperationSummary, 'id' | 'phase' | 'message'>;
  /** For a running sync: the latest resource result. */
  progress?: OperationEventItem;
}
