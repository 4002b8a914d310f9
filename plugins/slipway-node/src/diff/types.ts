import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { JqEngine } from './jqPaths';

/**
 * One `ignoreDifferences` entry of an Argo CD Application spec (or of a
 * system-level resource customization). Empty `group` is the core group;
 * `group` and `kind` accept `*` globs; empty `name`/`namespace` match all.
 * @public
 */
export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** How the predicted live state was computed. @public */
export type DiffMode = 'client-side' | 'structured-merge' | 'server-side';

/** Options of {@link diffResource}. @public */
export interface DiffOptions {
  /** Application-level and system-level ignoreDifferences rules. */
  ignoreDifferences?: ResourceIgnoreDifferences[];
  /** Ignore `rules` of ClusterRoles/Roles that have an `aggregationRule`. */
  ignoreAggregatedRoles?: boolean;
  /**
   * Use server-side diff. Requires `predictedLive`, the result of a
   * server-side-apply dry run of the desired object. A resource's
   * `argocd.argoproj.io/compare-options: ServerSideDiff=true|false` wins.
   */
  serverSideDiff?: boolean;
  /** The object returned by the server-side-apply dry run (server-side mode). */
  predictedLive?: KubeObject | null;
  /**
   * Use the server-side-apply merge computed locally (structured-merge
   * mode); also how a resource that asks for a server-side diff is compared
   * when no `predictedLive` is given.
   */
  structuredMergeDiff?: boolean;
  /** Field manager used for server-side apply (default `slipway`). */
  manager?: string;
  /**
   * Server-side diff: drop changes made by mutating webhooks (fields of the
   * dry-run result that the manager does not own). Default true; the
   * compare option `IncludeMutationWebhook=true` turns it off per resource.
   */
  ignoreMutationWebhook?: boolean;
  /** jq engine, required when a matching rule has `jqPathExpressions`. */
  jq?: JqEngine;
  /** Annotation keys whose values are masked like Secret data. */
  hideAnnotations?: string[];
}

/** Options of diffResource beyond the status. @public */
export interface DiffTextOptions {
  /**
   * Render the unified diff text (default true). A comparison that only
   * needs each resource's status skips it (diff is then ''), and renders the
   * text when someone looks at the resource.
   */
  textDiff?: boolean;
}

/** Result of comparing one desired object with its live counterpart. @public */
export interface ResourceDiffResult {
  /** True when applying the desired object would change the live object. */
  modified: boolean;
  mode: DiffMode;
  /** Argo CD's per-resource status. */
  status: 'Synced' | 'OutOfSync';
  /** Live exists but is no longer desired. */
  requiresPruning: boolean;
  /**
   * False when this resource must not make the application OutOfSync
   * (an extraneous resource annotated `compare-options: IgnoreExtraneous`).
   */
  affectsAppSyncStatus: boolean;
  /** Live object after normalisation, Secret values masked; null if absent. */
  normalizedLive: KubeObject | null;
  /** Live object as it would be after a sync, Secret values masked. */
  predictedLive: KubeObject | null;
  /** Unified diff (YAML) from normalizedLive to predictedLive; '' with `textDiff: false`. */
  diff: string;
}
