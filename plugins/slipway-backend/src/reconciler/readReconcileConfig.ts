import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';

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

const MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** A duration key: a number of seconds, a string such as `3m`, or a HumanDuration object. */
function duration(config: Config, key: string, defaultMs: number): number {
  if (!config.has(key)) return defaultMs;
  const value = config.get(key);
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new Error(`${key} must be a non-negative number of seconds, got ${value}`);
    return value * 1000;
  }
  const human = readDurationFromConfig(config, { key }) as Record<string, number | undefined>;
  let total = 0;
  for (const [unit, amount] of Object.entries(human)) {
    if (!(unit in MS)) throw new Error(`${key}: use days or shorter units, not ${unit}`);
    total += (amount ?? 0) * MS[unit];
  }
  return total;
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
