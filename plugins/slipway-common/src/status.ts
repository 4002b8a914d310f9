/**
 * Status words, as Argo CD uses them, so that users read the same words in
 * Slipway as in Argo CD.
 */

/** Health of one resource or of a whole application. @public */
export type HealthStatusCode =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** A health assessment: the status word and the reason, when there is one. @public */
export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/**
 * Health words from best to worst; an application's health is its worst
 * resource's health (Argo CD's ordering).
 * @public
 */
export const HEALTH_ORDER: readonly HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

/** Returns the worse of two health words. @public */
export function worseHealth(
  a: HealthStatusCode,
  b: HealthStatusCode,
): HealthStatusCode {
  return HEALTH_ORDER.indexOf(a) >= HEALTH_ORDER.indexOf(b) ? a : b;
}

/** Comparison of desired and live state. @public */
export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

/** Every sync status, in the order filters list them. @public */
export const SYNC_STATUS_CODES: readonly SyncStatusCode[] = ['Synced', 'OutOfSync', 'Unknown'];

/** Life cycle of a sync operation. @public */
export type OperationPhase =
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Error'
  | 'Terminating';

/** Outcome of syncing one resource. @public */
export type ResourceSyncResultCode =
  | 'Synced'
  | 'SyncFailed'
  | 'Pruned'
  | 'PruneSkipped';

/** Sync phases, hooks included. @public */
export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';
