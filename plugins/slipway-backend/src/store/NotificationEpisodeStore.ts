/**
 * The problem episodes each application's owners were told about, kept so
 * that a restart or another replica does not tell them again. The episodes
 * are a JSON document the notifier writes and compares as text; writes are
 * compare-and-set, so that of two replicas deciding to notify the same
 * episode only one wins.
 */
export interface NotificationEpisodeStore {
  /** Every application's notified episodes, by entity ref. */
  listNotificationEpisodes(): Promise<Map<string, string>>;

  /** One application's notified episodes; undefined when none are kept. */
  getNotificationEpisodes(entityRef: string): Promise<string | undefined>;

  /**
   * Replaces the application's episodes when they are still `expected`
   * (undefined: nothing kept) with `next` (undefined: keep nothing).
   * False when another writer changed them first; nothing is changed then.
   */
  replaceNotificationEpisodes(
    entityRef: string,
    expected: string | undefined,
    next: string | undefined,
  ): Promise<boolean>;

  /** Drops what is kept about an application, e.g. one that left the catalog. */
  forgetNotificationEpisodes(entityRef: string): Promise<void>;
}
