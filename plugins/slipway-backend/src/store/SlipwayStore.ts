import type { ApplicationStatusStore } from './ApplicationStatusStore';
import type { ChildApplicationStore } from './ChildApplicationStore';
import type { HistoryStore } from './HistoryStore';
import type { NotificationEpisodeStore } from './NotificationEpisodeStore';
import type { OperationStore } from './OperationStore';

/** Everything Slipway keeps in its database. */
export interface SlipwayStore
  extends ApplicationStatusStore,
    OperationStore,
    HistoryStore,
    NotificationEpisodeStore,
    ChildApplicationStore {}
