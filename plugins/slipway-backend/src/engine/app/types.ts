import type {
  HealthStatus,
  ResourceKey,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';
import type {
  IgnoreDifferencesRule,
  ManagedNamespaceMetadata,
} from '@slipway/plugin-slipway-node';
import type { ApplicationSource, RenderedSource } from '../render';

/** `spec.syncPolicy` of an Argo CD Application. */
export interface SyncPolicy {
  /** `enabled: false` turns automated sync off, its other settings kept (Argo CD 2.14+). */
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean } | null;
  syncOptions?: string[];
  retry?: {
    limit?: number;
    backoff?: { duration?: string; factor?: number; maxDuration?: string };
  };
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

/** The spec of an Argo CD Application: what the engine reconciles. */
export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: { server?: string; name?: string; namespace?: string };
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: IgnoreDifferencesRule[];
  /** Deployments kept in the history (Argo CD's default 10). */
  revisionHistoryLimit?: number;
}

/** One Application as the engine sees it. */
export interface EngineApplication {
  /** The Application's name, as Helm's release name and `$ARGOCD_APP_NAME` use it. */
  name: string;
  /**
   * The tracking label value on its resources when it differs from the name
   * (Argo CD's instance name `<namespace>_<name>` for Applications outside
   * the `default` catalog namespace), so that two Applications of one name
   * never claim each other's resources.
   */
  instance?: string;
  /** The Application entity's ref (children of an app of apps are kept by it). */
  ref?: string;
  /** Its `argocd.argoproj.io/manifest-generate-paths` annotation, when set. */
  manifestGeneratePaths?: string;
  spec: ApplicationSpec;
}

/** The value that marks the Application's resources (tracking label and annotation). */
export function trackingNameOf(app: Pick<EngineApplication, 'name' | 'instance'>): string {
  return app.instance ?? app.name;
}

/** The comparison of one resource. */
export interface ResourceStatus {
  key: ResourceKey;
  apiVersion: string;
  status: SyncStatusCode;
  /** Health of the live object; Missing when it does not exist. */
  health?: HealthStatus;
  /** In the cluster, managed by the app, but no longer in Git. */
  requiresPruning: boolean;
}

/** One live object of the application's resource tree, managed or owned. */
export interface ResourceNode {
  key: ResourceKey;
  apiVersion: string;
  uid?: string;
  /** Owners of the object, e.g. a Pod's ReplicaSet. */
  parents: ResourceKey[];
  health?: HealthStatus;
  /** True for objects the application manages; false for their children. */
  managed: boolean;
}

/** A container image found in desired or live state. */
export interface ImageRef {
  /** Repository without tag or digest, e.g. `ghcr.io/acme/payments`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** Where it was found: `Deployment/payments` container `api`. */
  resource: string;
  container: string;
}

/** A Helm chart an application deploys. */
export interface ChartRef {
  repoURL: string;
  chart: string;
  version: string;
}

/** An Argo CD style application condition. */
export interface ApplicationCondition {
  type: string;
  message: string;
}

/** The result of comparing desired and live state. */
export interface CompareResult {
  syncStatus: SyncStatusCode;
  health: HealthStatus;
  resources: ResourceStatus[];
  /** Live objects and their owned descendants (ReplicaSets, Pods, Jobs). */
  tree: ResourceNode[];
  images: { desired: ImageRef[]; live: ImageRef[] };
  charts: ChartRef[];
  /** Commit SHA (or chart version) per source. */
  sources: RenderedSource[];
  /** The first source's revision: Argo CD's `status.sync.revision`. */
  revision?: string;
  conditions: ApplicationCondition[];
}
