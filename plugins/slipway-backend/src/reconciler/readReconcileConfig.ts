import type { Config } from '@backstage/config';
import { readDurationMs as duration } from '../config/readDurationMs';

/** Timing and concurrency of the reconciler and the operation worker. */
export interface ReconcileSettings {
  concurrency: number;
  refreshIntervalMs: number;
  selfHealTimeoutMs: number;
  inventoryIntervalMs: number;
  operationConcurrency: number;
  heartbeatIntervalMs: number;
  staleAfterMs: number;
  pollIntervalMs: number;
  recoverIntervalMs: number;
  /** Finished operations (and their events) older than this are deleted. */
  operationRetentionMs: number;
}

function positiveInt(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a whole number of at least 1, got ${value}`);
  }
  return value;
}

/** Reads `slipway.reconcile`, `slipway.inventory` and `slipway.operations` with Argo CD-like defaults. */
export function readReconcileConfig(config: Config): ReconcileSettings {
  return {
    concurrency: positiveInt(config, 'slipway.reconcile.concurrency', 8),
    refreshIntervalMs: duration(config, 'slipway.reconcile.refreshInterval', 180_000),
    selfHealTimeoutMs: duration(config, 'slipway.reconcile.selfHealTimeout', 5_000),
    inventoryIntervalMs: duration(config, 'slipway.inventory.refreshInterval', 10_000),
    operationConcurrency: positiveInt(config, 'slipway.operations.concurrency', 4),
    heartbeatIntervalMs: duration(config, 'slipway.operations.heartbeatInterval', 5_000),
    staleAfterMs: duration(config, 'slipway.operations.staleAfter', 60_000),
    pollIntervalMs: duration(config, 'slipway.operations.pollInterval', 2_000),
    recoverIntervalMs: duration(config, 'slipway.operations.recoverInterval', 30_000),
    operationRetentionMs: duration(config, 'slipway.operations.retention', 30 * 24 * 3_600_000),
  };
}
