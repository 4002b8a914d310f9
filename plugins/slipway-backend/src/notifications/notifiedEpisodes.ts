import type { EpisodeState, NotificationKind } from './NotificationPolicy';

const KINDS: NotificationKind[] = ['degraded', 'outOfSync', 'syncFailed'];

/**
 * The episodes of an application its owners were told about, as the JSON
 * text the store keeps: kinds in a fixed order and nothing else, so that
 * equal states give equal texts (the store compares texts to decide which
 * writer wins). Undefined when none was told.
 */
export function notifiedEpisodesText(state: EpisodeState): string | undefined {
  const told: Partial<Record<NotificationKind, { since: number }>> = {};
  for (const kind of KINDS) {
    const episode = state[kind];
    if (episode?.notified) told[kind] = { since: episode.since };
  }
  return Object.keys(told).length > 0 ? JSON.stringify(told) : undefined;
}

/** The told episodes a text of {@link notifiedEpisodesText} holds; what it cannot read is left out. */
export function parseNotifiedEpisodes(text: string | undefined): EpisodeState {
  const state: EpisodeState = {};
  if (!text) return state;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return state;
  }
  if (!parsed || typeof parsed !== 'object') return state;
  for (const kind of KINDS) {
    const since = (parsed as Record<string, { since?: unknown } | undefined>)[kind]?.since;
    if (typeof since === 'number' && Number.isFinite(since)) state[kind] = { since, notified: true };
  }
  return state;
}

/**
 * What to believe after another writer changed the kept episodes: the told
 * episodes it kept, and of the episodes not yet told, those it did not tell.
 */
export function adoptNotifiedEpisodes(local: EpisodeState, stored: EpisodeState): EpisodeState {
  const state: EpisodeState = { ...stored };
  for (const kind of KINDS) {
    const episode = local[kind];
    if (!state[kind] && episode && !episode.notified) state[kind] = episode;
  }
  return state;
}
