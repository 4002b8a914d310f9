import type { JqEngine } from '../diff/jqPaths';
import type {
  KubeObject,
  ResourceKey,
  SyncPhase,
} from '@slipway/plugin-slipway-common';

/** Hook types of `argocd.argoproj.io/hook` (Helm hooks are mapped onto them). @public */
export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'Skip';

/** Values of `argocd.argoproj.io/hook-delete-policy`. @public */
export type HookDeletePolicy =
  | 'HookSucceeded'
  | 'HookFailed'
  | 'BeforeHookCreation';

/** A resource chosen for a selective sync; namespace '' or absent matches cluster-scoped. @public */
export interface SyncResourceSelector {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * A sync request, after Argo CD's `SyncOperation`: what the user (or the
 * automated policy) asked for.
 * @public
 */
export interface SyncRequest {
  /** Delete live managed resources that are no longer in Git. */
  prune?: boolean;
  /** Validate against the server only; change nothing. */
  dryRun?: boolean;
  /** Force: replace with delete-and-recreate, force apply conflicts. */
  force?: boolean;
  /** Selective sync; hooks are not run in a selective sync (as in Argo CD). */
  resources?: SyncResourceSelector[];
  /** Sync options of this operation, added to the Application's ones. */
  syncOptions?: string[];
  /** `apply` skips hooks, `hook` (the default) runs them. */
  strategy?: 'hook' | 'apply';
  /** Prune resources marked `Prune=confirm` too: the user confirmed their pruning (Argo CD's "Confirm Pruning"). */
  confirmPrune?: boolean;
}

/** An `ignoreDifferences` entry of an Application spec. @public */
export interface IgnoreDifferencesRule {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** Metadata for a namespace created by `CreateNamespace=true`. @public */
export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Everything the planner needs; all plain data. @public */
export interface SyncPlanInput {
  /** The Application's name; written to the tracking label and annotation. */
  appName: string;
  /** The destination namespace (`spec.destination.namespace`). */
  namespace?: string;
  /** The commit being synced; used to name `generateName` hooks. */
  revision?: string;
  /** When the operation started (epoch ms); used to name `generateName` hooks. */
  startedAt?: number;
  /** Rendered manifests from Git. */
  desired: KubeObject[];
  /**
   * Live objects: the application's managed ones (carrying its tracking label),
   * plus any live object with the key of a desired one.
   */
  live: KubeObject[];
  request?: SyncRequest;
  /** `spec.syncPolicy.syncOptions` of the Application. */
  syncOptions?: string[];
  /** `spec.syncPolicy.managedNamespaceMetadata`. */
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  /** `spec.ignoreDifferences`, used with `RespectIgnoreDifferences=true`. */
  ignoreDifferences?: IgnoreDifferencesRule[];
  /**
   * Result of the comparison, by `formatResourceKey`: true when the resource
   * differs from Git. Used by `ApplyOutOfSyncOnly=true`; a resource absent
   * from the map is treated as out of sync.
   */
  modified?: Record<string, boolean>;
  /** The jq engine for `jqPathExpressions` rules of `RespectIgnoreDifferences=true`. */
  jq?: JqEngine;
  /** Scope of a kind when known (from discovery); unknown kinds are treated as namespaced. */
  scopeOf?: (
    apiVersion: string,
    kind: string,
  ) => 'Namespaced' | 'Cluster' | undefined;
}

/** How a task writes its object. @public */
export interface ApplySettings {
  /** `replace` (PUT, or create when absent) instead of server-side apply. */
  replace: boolean;
  /** Force conflicts on apply; delete-and-recreate on replace. */
  force: boolean;
  /** Server-side validation of fields (`Validate=false` turns it off). */
  validate: boolean;
}

/** One step of a sync. @public */
export interface SyncTask {
  /** Unique in a plan: `<phase>:<group>/<kind>/<namespace>/<name>`. */
  id: string;
  key: ResourceKey;
  apiVersion: string;
  phase: SyncPhase;
  wave: number;
  /** `apply` writes `target`; `prune` deletes `live`. */
  action: 'apply' | 'prune';
  /** The object to write, stamped with the tracking label and annotation. */
  target?: KubeObject;
  live?: KubeObject;
  /** Set for hooks. */
  hook?: { type: HookType; deletePolicies: HookDeletePolicy[] };
  apply: ApplySettings;
  /** For prune tasks: why the resource is kept (becomes PruneSkipped). */
  pruneSkipReason?: string;
  /** Namespace created by `CreateNamespace=true` (not tracked, never pruned). */
  createdNamespace?: boolean;
  /**
   * `SkipDryRunOnMissingResource=true` (sync option or the object's
   * sync-options annotation): when the server does not serve the kind yet,
   * the task is neither refused nor dry-run; it is applied in its wave.
   */
  skipDryRunOnMissingResource?: boolean;
}

/** A problem found while planning; the sync must not start while there are any. @public */
export interface SyncPlanIssue {
  key?: ResourceKey;
  message: string;
}

/** The parsed sync options that apply to the whole operation. @public */
export interface SyncOperationSettings {
  prune: boolean;
  dryRun: boolean;
  force: boolean;
  skipHooks: boolean;
  pruneLast: boolean;
  replace: boolean;
  serverSideApply: boolean;
  applyOutOfSyncOnly: boolean;
  respectIgnoreDifferences: boolean;
  failOnSharedResource: boolean;
  createNamespace: boolean;
  validate: boolean;
  /** `SkipDryRunOnMissingResource=true` for every resource of the operation. */
  skipDryRunOnMissingResource: boolean;
  /** `PrunePropagationPolicy=` option; Argo CD's default is foreground. */
  prunePropagationPolicy: 'Foreground' | 'Background' | 'Orphan';
  /** Whether resources marked `Prune=confirm` may be pruned in this operation. */
  confirmPrune: boolean;
  /** The operation's and the Application's sync options, for the options a resource may override (`Prune`). */
  syncOptions: string[];
}

/** An ordered sync plan. @public */
export interface SyncPlan {
  appName: string;
  settings: SyncOperationSettings;
  /** Ordered: phase, wave, kind, name (prune tasks in reverse waves). */
  tasks: SyncTask[];
  /** Resources left out by ApplyOutOfSyncOnly (already in sync). */
  skipped: ResourceKey[];
  issues: SyncPlanIssue[];
}
