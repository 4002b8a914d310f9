import type { Config } from '@backstage/config';
import { readDurationMs } from '../config/readDurationMs';
import type { NotificationThresholds } from './NotificationPolicy';

/** `slipway.notifications`: whether and when to notify application owners. */
export interface NotificationSettings extends NotificationThresholds {
  enabled: boolean;
}

/** Reads `slipway.notifications`; by default on, Degraded after 10 minutes, OutOfSync after 30. */
export function readNotificationsConfig(config: Config): NotificationSettings {
  return {
    enabled: config.getOptionalBoolean('slipway.notifications.enabled') ?? true,
    degradedAfterMs: readDurationMs(config, 'slipway.notifications.degradedAfter', 10 * 60_000),
    outOfSyncAfterMs: readDurationMs(config, 'slipway.notifications.outOfSyncAfter', 30 * 60_000),
  };
}
