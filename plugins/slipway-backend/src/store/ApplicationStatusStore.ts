import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';

/** A condition on an Application, as in Argo CD's `status.conditions`. */
export interface ApplicationCondition {
  /** e.g. `ComparisonError`, `InvalidSpecError`, `SyncError`, `SharedResourceWarning`. */
  type: string;
  message: string;
  /** ISO 8601 time. */
  lastTransitionTime?: string;
}

/** The commit an application was compared at. */
export interface CommitMetadata {
  author?: string;
  message?: string;
  /** ISO 8601 time. */
  date?: string;
}

/** One managed (or child) resource in the resource tree summary. */
export interface ResourceSummary {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  version?: string;
  /** Sync status of the resource; children that Git does not manage have none. */
  status?: SyncStatusCode;
  health?: { status: HealthStatusCode; message?: string };
  message?: string;
  /** Owner references, as `group/kind/namespace/name` keys of other nodes. */
  parentRefs?: string[];
  /** True for resources declared in Git, false for their children (ReplicaSets, Pods…). */
  managed?: boolean;
  /** Sync wave of a managed resource. */
  syncWave?: number;
  /** Free-form extras (e.g. images of a Pod), kept small. */
  info?: Record<string, string>;
}

/** Where an image or chart version was found. */
export type VersionLocation = 'desired' | 'live';

/** An image reference found in the desired or live state. */
export interface ImageVersion {
  /** Full image reference, e.g. `ghcr.io/acme/payments:1.4.2`. */
  image: string;
  /** The resource that references it, as `group/kind/namespace/name`. */
  resource?: string;
  container?: string;
  location: VersionLocation;
}

/** A Helm chart version found in the desired or live state. */
export interface ChartVersion {
  chart: string;
  version: string;
  repoURL?: string;
  location: VersionLocation;
}

/** Versions that run (live) and that Git asks for (desired). */
export interface ApplicationVersions {
  images: ImageVersion[];
  charts: ChartVersion[];
}

/** The stored status of one Application entity. */
export interface ApplicationStatus {
  /** Entity ref of the Application, e.g. `application:default/payments-prod`. */
  entityRef: string;
  componentRef?: string;
  project?: string;
  cluster?: string;
  namespace?: string;
  environment?: string;
  owner?: string;
  syncStatus: SyncStatusCode;
  /** When the sync status last changed (ISO 8601). */
  syncChangedAt?: string;
  healthStatus: HealthStatusCode;
  healthMessage?: string;
  /** When the health status last changed (ISO 8601). */
  healthChangedAt?: string;
  /** Commit SHA the application was last compared at. */
  revision?: string;
  commit?: CommitMetadata;
  conditions: ApplicationCondition[];
  resources: ResourceSummary[];
  versions: ApplicationVersions;
  /** When the engine last compared desired and live state (ISO 8601). */
  reconciledAt?: string;
  /** When this row last changed (ISO 8601). */
  updatedAt: string;
}

/** A field of {@link ApplicationStatus} that a listing may ask for. */
export type ApplicationStatusField = keyof ApplicationStatus;

/**
 * What the engine writes. Only `entityRef` is required: fields left
 * undefined keep their stored value (or their default on first write), so the
 * engine can update, say, only health and resources. `null` clears an
 * optional field.
 */
export type ApplicationStatusUpdate = { entityRef: string } & {
  [K in Exclude<
    ApplicationStatusField,
    'entityRef' | 'updatedAt' | 'syncChangedAt' | 'healthChangedAt'
  >]?: ApplicationStatus[K] | null;
};

/** A filter value: one value or any of several. */
export type FilterValue = string | string[];

/** Server-side filters of the application listing; all given filters must match. */
export interface ApplicationStatusFilter {
  entityRef?: FilterValue;
  componentRef?: FilterValue;
  project?: FilterValue;
  cluster?: FilterValue;
  namespace?: FilterValue;
  environment?: FilterValue;
  owner?: FilterValue;
  syncStatus?: FilterValue;
  healthStatus?: FilterValue;
}

/** Options of {@link ApplicationStatusStore.listApplicationStatuses}. */
export interface ListApplicationStatusesOptions {
  filter?: ApplicationStatusFilter;
  /**
   * The fields to return; `entityRef` is always included. Default: all
   * fields. Leaving out `resources` and `versions` makes large listings cheap.
   */
  fields?: ApplicationStatusField[];
  /** Page size, 1..1000; default 50. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Rows to skip (offset pagination); ignored when `cursor` is given. */
  offset?: number;
}

/** One page of application statuses, in entity ref order. */
export interface ApplicationStatusPage {
  items: Partial<ApplicationStatus>[];
  /** Number of applications matching the filter, across all pages. */
  totalCount: number;
  /** Present when more items follow. */
  nextCursor?: string;
}

/** Stores the last observed status of each Application. */
export interface ApplicationStatusStore {
  /** Creates or updates the status of one application; returns the stored status. */
  upsertApplicationStatus(
    update: ApplicationStatusUpdate,
  ): Promise<ApplicationStatus>;
  /**
   * The same, returning only `fields` of the stored status (and its
   * entityRef): a caller that needs the status words is spared reading back
   * the resource tree.
   */
  upsertApplicationStatus<F extends ApplicationStatusField>(
    update: ApplicationStatusUpdate,
    options: { fields: F[] },
  ): Promise<Pick<ApplicationStatus, F | 'entityRef'>>;
  getApplicationStatus(
    entityRef: string,
  ): Promise<ApplicationStatus | undefined>;
  listApplicationStatuses(
    options?: ListApplicationStatusesOptions,
  ): Promise<ApplicationStatusPage>;
  /** Forgets an application (its entity was removed); returns whether it existed. */
  deleteApplicationStatus(entityRef: string): Promise<boolean>;
}
