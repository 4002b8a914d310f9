/** What a notification is about. */
export type NotificationKind = 'degraded' | 'outOfSync' | 'syncFailed';

/** One episode of a problem: since when it lasts and whether its owners were told. */
export interface Episode {
  /** Epoch milliseconds of the first observation. */
  since: number;
  notified: boolean;
}

/** The open episodes of one application; none means it is fine. */
export interface EpisodeState {
  degraded?: Episode;
  outOfSync?: Episode;
  syncFailed?: Episode;
}

/** Sync and health as last compared; undefined or `Unknown` means "not known now". */
export interface ObservedStatus {
  sync?: string;
  health?: string;
}

/** How long a state must last before the owners are told. */
export interface NotificationThresholds {
  degradedAfterMs: number;
  outOfSyncAfterMs: number;
}

/** The next episode state and what to send now. */
export interface PolicyDecision {
  state: EpisodeState;
  notify: Array<{ kind: NotificationKind; since: number }>;
  /** Episodes the owners were told about that ended now. */
  recovered: Array<{ kind: NotificationKind; since: number }>;
}

const known = (value: string | undefined): value is string => value !== undefined && value !== 'Unknown';

/**
 * Decides when to tell an application's owners about a problem, one
 * notification per episode: Degraded or OutOfSync that lasts longer than its
 * threshold, and a failed sync. An episode ends when the application
 * recovers (another health, Synced, a succeeded sync), which is told too
 * when the episode was; only a new episode notifies again. `Unknown` (e.g. Git unreachable for a moment) neither
 * starts nor ends an episode, so a flapping comparison does not repeat
 * notifications. Pure: the caller keeps the state and the clock.
 */
export class NotificationPolicy {
  constructor(private readonly thresholds: NotificationThresholds) {}

  /** Called with the current status, on every change and periodically. */
  onStatus(previous: EpisodeState, status: ObservedStatus, now: number): PolicyDecision {
    const state: EpisodeState = { ...previous };
    const notify: PolicyDecision['notify'] = [];
    const recovered: PolicyDecision['recovered'] = [];
    const end = (kind: NotificationKind) => {
      const episode = state[kind];
      if (episode?.notified) recovered.push({ kind, since: episode.since });
      delete state[kind];
    };
    const track = (kind: 'degraded' | 'outOfSync', value: string | undefined, bad: string, afterMs: number) => {
      if (!known(value)) return;
      if (value !== bad) {
        end(kind);
        return;
      }
      const episode = { ...(state[kind] ?? { since: now, notified: false }) };
      if (!episode.notified && now - episode.since >= afterMs) {
        episode.notified = true;
        notify.push({ kind, since: episode.since });
      }
      state[kind] = episode;
    };
    track('degraded', status.health, 'Degraded', this.thresholds.degradedAfterMs);
    track('outOfSync', status.sync, 'OutOfSync', this.thresholds.outOfSyncAfterMs);
    // Synced means Git is applied, whatever the last operation said
    if (status.sync === 'Synced') end('syncFailed');
    return { state, notify, recovered };
  }

  /** Called when a sync or rollback of the application ended. */
  onOperationFinished(previous: EpisodeState, phase: string, now: number): PolicyDecision {
    const state: EpisodeState = { ...previous };
    if (phase === 'Succeeded') {
      const failed = state.syncFailed;
      delete state.syncFailed;
      return { state, notify: [], recovered: failed?.notified ? [{ kind: 'syncFailed', since: failed.since }] : [] };
    }
    if ((phase !== 'Failed' && phase !== 'Error') || state.syncFailed) return { state, notify: [], recovered: [] };
    state.syncFailed = { since: now, notified: true };
    return { state, notify: [{ kind: 'syncFailed', since: now }], recovered: [] };
  }
}
