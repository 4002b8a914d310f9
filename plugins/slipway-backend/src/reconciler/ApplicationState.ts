import type { Refreshed } from '../engine/app/ApplicationController';
import type { OrphanedResource, ProjectViolation } from '../projects';

/**
 * The last comparison as the reconciler keeps it: without the rendered and
 * live objects (the render cache and the cluster cache hold those; see
 * Reconciler.objectsOf) and without images and charts (written to the
 * store), which were most of its memory.
 */
export type KeptComparison = Omit<
  Refreshed,
  'desired' | 'live' | 'images' | 'charts'
>;

export function keptComparison(refreshed: Refreshed): KeptComparison {
  const {
    desired: _desired,
    live: _live,
    images: _images,
    charts: _charts,
    ...kept
  } = refreshed;
  return kept;
}

/** What the reconciler keeps in memory about one application. */
export interface ApplicationState {
  /** Commit(s), spec hash and cache generation of the last full compare. */
  key?: string;
  /** The commit(s) Git gave for the spec with this hash, reused by compares of cluster changes. */
  resolved?: { specHash: string; commits: string[] };
  refreshed?: KeptComparison;
  /** Orphaned resources of its namespace, when its project monitors them. */
  orphaned?: OrphanedResource[];
  violations: ProjectViolation[];
  sync?: string;
  health?: string;
}
