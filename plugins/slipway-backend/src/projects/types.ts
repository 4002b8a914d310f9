import { DEFAULT_PROJECT_DESTINATIONS } from '@slipway/plugin-slipway-node';
import type { ProjectDestination } from '@slipway/plugin-slipway-node';

// Destination rules live in slipway-node, shared with the scaffolder actions.
export type { ProjectDestination };

/** A `{group, kind}` pattern of a project's resource allow or deny list. */
export interface GroupKind {
  /** API group glob; `''` is the core group. */
  group: string;
  /** Kind glob. */
  kind: string;
}

/** Argo CD's sync window. */
export interface SyncWindow {
  kind: 'allow' | 'deny';
  /** Cron schedule of the window's starts, e.g. `0 22 * * *`. */
  schedule: string;
  /** How long the window stays open after each start, e.g. `1h`, `30m`. */
  duration: string;
  /** Application name globs. */
  applications?: string[];
  /** Destination namespace globs. */
  namespaces?: string[];
  /** Destination cluster (name or server) globs. */
  clusters?: string[];
  /** Whether manual syncs may run when the window would block them. */
  manualSync?: boolean;
  /** IANA time zone of the schedule; default UTC. */
  timeZone?: string;
  /** Match only applications that match every given list (Argo CD's `andOperator`). */
  andOperator?: boolean;
  description?: string;
}

/** A `{group, kind, name}` pattern of resources orphaned-resource monitoring ignores. */
export interface OrphanedResourceKey {
  /** API group glob; `''` is the core group. */
  group: string;
  /** Kind glob; `''` matches every kind. */
  kind: string;
  /** Name glob; `''` matches every name. */
  name: string;
}

/** Argo CD's `orphanedResources` of an AppProject: set, the monitoring is on. */
export interface OrphanedResourcesMonitoring {
  /** Whether Applications with orphaned resources get an `OrphanedResourceWarning` condition. */
  warn: boolean;
  ignore: OrphanedResourceKey[];
}

/** An Argo CD AppProject, as Slipway's admin configuration declares it. */
export interface Project {
  name: string;
  description?: string;
  /** Repository URL globs; `!` in front denies. */
  sourceRepos: string[];
  /**
   * Globs of the catalog namespaces an Application entity may live in
   * (Argo CD's `sourceNamespaces`); empty or absent: any namespace.
   */
  sourceNamespaces?: string[];
  /**
   * Globs of the catalog locations (`backstage.io/managed-by-origin-location`)
   * an Application entity may come from; absent: any location.
   */
  catalogLocations?: string[];
  destinations: ProjectDestination[];
  /** Cluster-scoped kinds allowed; empty: none. */
  clusterResourceWhitelist: GroupKind[];
  clusterResourceBlacklist: GroupKind[];
  /** Namespaced kinds allowed; absent: all. */
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist: GroupKind[];
  syncWindows: SyncWindow[];
  /** Orphaned-resource monitoring; absent: off. */
  orphanedResources?: OrphanedResourcesMonitoring;
}

/** Argo CD's `default` project: everything is permitted. */
export const DEFAULT_PROJECT: Project = {
  name: 'default',
  sourceRepos: ['*'],
  destinations: [...DEFAULT_PROJECT_DESTINATIONS],
  clusterResourceWhitelist: [{ group: '*', kind: '*' }],
  clusterResourceBlacklist: [],
  namespaceResourceBlacklist: [],
  syncWindows: [],
};
