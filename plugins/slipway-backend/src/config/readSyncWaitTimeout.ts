import type { Config } from '@backstage/config';
import { readDurationMs } from './readDurationMs';

/**
 * `slipway.operations.waitTimeout` in milliseconds: how long a sync waits
 * for a wave to be healthy or a hook to finish. Default 10 minutes; 0 is no
 * limit (Infinity), as Argo CD waits.
 */
export function readSyncWaitTimeoutMs(config: Config): number {
  const ms = readDurationMs(config, 'slipway.operations.waitTimeout', 600_000);
  return ms === 0 ? Infinity : ms;
}
