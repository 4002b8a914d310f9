/** One deployed revision of an application (Argo CD's `status.history` entry). */
export interface HistoryEntry {
  /** Increasing: a later deployment has a larger id. */
  id: number;
  applicationRef: string;
  /** Commit SHA that was deployed. */
  revision: string;
  /** The Application source that was deployed (repoURL, path, chart, helm…). */
  source: Record<string, unknown>;
  /** User entity ref, or `automated`. */
  initiator: string;
  /** ISO 8601 time the sync started. */
  deployStartedAt?: string;
  /** ISO 8601 time the sync finished. */
  deployedAt: string;
  commitAuthor?: string;
  commitMessage?: string;
  /** The operation that deployed it. */
  operationId?: string;
}

/** Input of {@link HistoryStore.addHistory}. */
export type HistoryEntryInput = Omit<HistoryEntry, 'id' | 'deployedAt'> & {
  /** Defaults to now. */
  deployedAt?: string;
};

/** The last N deployed revisions per application: the rollback targets. */
export interface HistoryStore {
  /**
   * Records a deployment and keeps only the newest `limit` entries of the
   * application (default: the store's history limit, 10 unless configured;
   * Argo CD's `revisionHistoryLimit`).
   */
  addHistory(
    entry: HistoryEntryInput,
    options?: { limit?: number },
  ): Promise<HistoryEntry>;
  /** The application's history, newest first. */
  listHistory(applicationRef: string): Promise<HistoryEntry[]>;
  /** One entry of the application's history, e.g. a rollback target. */
  getHistory(
    applicationRef: string,
    id: number,
  ): Promise<HistoryEntry | undefined>;
}
