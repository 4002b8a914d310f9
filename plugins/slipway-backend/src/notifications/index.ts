export { ApplicationNotifier } from './ApplicationNotifier';
export type { ApplicationNotifierOptions, NotificationSender } from './ApplicationNotifier';
export { readNotificationsConfig } from './readNotificationsConfig';
export type { NotificationSettings } from './readNotificationsConfig';
export { snapshotOf } from './snapshotOf';
export type { NotificationThresholds } from './NotificationPolicy';
