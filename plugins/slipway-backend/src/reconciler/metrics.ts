import { metrics } from '@opentelemetry/api';

/** Slipway's OpenTelemetry instruments (meter `slipway`). */
export interface SlipwayMetrics {
  reconciled(durationMs: number, outcome: 'full' | 'cheap' | 'error'): void;
  synced(durationMs: number, phase: string, initiator: 'automated' | 'user'): void;
}

/**
 * Creates the instruments: reconcile and sync counts and durations
 * (histograms in seconds), and observable gauges for the applications by
 * sync and health status and for the work queue depth.
 */
export function createSlipwayMetrics(observe: {
  applications(): Array<{ sync: string; health: string }>;
  queueDepth(): number;
  runningOperations(): number;
}): SlipwayMetrics {
  const meter = metrics.getMeter('slipway');
  const reconcileDuration = meter.createHistogram('slipway.reconcile.duration', {
    description: 'Time to reconcile one application (refresh, compare, status)',
    unit: 's',
  });
  const reconcileCount = meter.createCounter('slipway.reconcile.count', {
    description: 'Reconciles of applications, by outcome (full compare, cheap skip, error)',
  });
  const syncDuration = meter.createHistogram('slipway.sync.duration', {
    description: 'Time of sync and rollback operations',
    unit: 's',
  });
  const syncCount = meter.createCounter('slipway.sync.count', {
    description: 'Sync and rollback operations, by final phase and initiator',
  });
  meter
    .createObservableGauge('slipway.applications', {
      description: 'Applications by sync and health status',
    })
    .addCallback(result => {
      const counts = new Map<string, { sync: string; health: string; n: number }>();
      for (const a of observe.applications()) {
        const id = `${a.sync}/${a.health}`;
        const entry = counts.get(id) ?? { sync: a.sync, health: a.health, n: 0 };
        entry.n += 1;
        counts.set(id, entry);
      }
      for (const c of counts.values()) result.observe(c.n, { sync: c.sync, health: c.health });
    });
  meter
    .createObservableGauge('slipway.queue.depth', { description: 'Applications waiting to be reconciled' })
    .addCallback(result => result.observe(observe.queueDepth()));
  meter
    .createObservableGauge('slipway.operations.running', { description: 'Operations running on this replica' })
    .addCallback(result => result.observe(observe.runningOperations()));
  return {
    reconciled(durationMs, outcome) {
      reconcileDuration.record(durationMs / 1000, { outcome });
      reconcileCount.add(1, { outcome });
    },
    synced(durationMs, phase, initiator) {
      syncDuration.record(durationMs / 1000, { phase, initiator });
      syncCount.add(1, { phase, initiator });
    },
  };
}
