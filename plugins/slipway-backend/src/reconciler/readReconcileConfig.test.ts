import { ConfigReader } from '@backstage/config';
import { readReconcileConfig } from './readReconcileConfig';

describe('readReconcileConfig', () => {
  it('defaults to a 3 minute refresh, 8 workers and a 5 s self-heal timeout, like Argo CD', () => {
    expect(readReconcileConfig(new ConfigReader({}))).toMatchObject({
      concurrency: 8,
      refreshIntervalMs: 180_000,
      selfHealTimeoutMs: 5_000,
      inventoryIntervalMs: 10_000,
    });
  });

  it('reads durations as seconds, duration strings or HumanDuration objects', () => {
    const settings = readReconcileConfig(
      new ConfigReader({
        slipway: {
          reconcile: { refreshInterval: 60, selfHealTimeout: { seconds: 2 }, concurrency: 2 },
          operations: { staleAfter: '2m' },
        },
      }),
    );
    expect(settings).toMatchObject({ refreshIntervalMs: 60_000, selfHealTimeoutMs: 2_000, concurrency: 2, staleAfterMs: 120_000 });
  });

  it('refuses a concurrency below 1 with the key', () => {
    expect(() => readReconcileConfig(new ConfigReader({ slipway: { reconcile: { concurrency: 0 } } }))).toThrow(
      'slipway.reconcile.concurrency must be a whole number of at least 1, got 0',
    );
  });
});
