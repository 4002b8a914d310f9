import { adoptNotifiedEpisodes, notifiedEpisodesText, parseNotifiedEpisodes } from './notifiedEpisodes';

describe('notifiedEpisodesText', () => {
  it('keeps only the told episodes, in one order whatever the order of the state', () => {
    const a = notifiedEpisodesText({
      syncFailed: { since: 5, notified: true },
      outOfSync: { since: 3, notified: false },
      degraded: { since: 1, notified: true },
    });
    const b = notifiedEpisodesText({ degraded: { since: 1, notified: true }, syncFailed: { since: 5, notified: true } });
    expect(a).toBe('{"degraded":{"since":1},"syncFailed":{"since":5}}');
    expect(b).toBe(a);
  });

  it('is undefined when nothing was told', () => {
    expect(notifiedEpisodesText({})).toBeUndefined();
    expect(notifiedEpisodesText({ degraded: { since: 1, notified: false } })).toBeUndefined();
  });
});

describe('parseNotifiedEpisodes', () => {
  it('reads back what notifiedEpisodesText wrote, as told episodes', () => {
    const state = { degraded: { since: 1, notified: true }, syncFailed: { since: 5, notified: true } };
    expect(parseNotifiedEpisodes(notifiedEpisodesText(state))).toEqual(state);
  });

  it('leaves out what it cannot read instead of failing', () => {
    expect(parseNotifiedEpisodes('not json')).toEqual({});
    expect(parseNotifiedEpisodes('{"degraded":{"since":"yesterday"},"outOfSync":{"since":2},"other":{"since":1}}')).toEqual({
      outOfSync: { since: 2, notified: true },
    });
    expect(parseNotifiedEpisodes(undefined)).toEqual({});
  });
});

describe('adoptNotifiedEpisodes', () => {
  it("takes the other writer's told episodes and keeps the local episodes not yet told", () => {
    expect(
      adoptNotifiedEpisodes(
        { degraded: { since: 1, notified: false }, outOfSync: { since: 2, notified: false }, syncFailed: { since: 3, notified: true } },
        { degraded: { since: 0, notified: true } },
      ),
    ).toEqual({ degraded: { since: 0, notified: true }, outOfSync: { since: 2, notified: false } });
  });
});
