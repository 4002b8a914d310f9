import { EpisodeState, NotificationPolicy, ObservedStatus } from './NotificationPolicy';

const MIN = 60_000;
const policy = new NotificationPolicy({ degradedAfterMs: 10 * MIN, outOfSyncAfterMs: 30 * MIN });

/** Feeds statuses at the given minutes and returns what was sent when. */
function run(steps: Array<[minute: number, status: ObservedStatus | { operation: string }]>) {
  let state: EpisodeState = {};
  const sent: string[] = [];
  const recovered: string[] = [];
  for (const [minute, step] of steps) {
    const now = minute * MIN;
    const decision = 'operation' in step ? policy.onOperationFinished(state, step.operation, now) : policy.onStatus(state, step, now);
    state = decision.state;
    sent.push(...decision.notify.map(n => `${minute}: ${n.kind} since ${n.since / MIN}`));
    recovered.push(...decision.recovered.map(n => `${minute}: ${n.kind} since ${n.since / MIN}`));
  }
  return { sent, recovered, state };
}

const healthy = { sync: 'Synced', health: 'Healthy' };
const degraded = { sync: 'Synced', health: 'Degraded' };
const outOfSync = { sync: 'OutOfSync', health: 'Healthy' };
const unknown = { sync: 'Unknown', health: 'Unknown' };

describe('NotificationPolicy', () => {
  it('says nothing about a healthy, synced application', () => {
    expect(run([[0, healthy], [60, healthy]]).sent).toEqual([]);
  });

  it('notifies once when Degraded lasts longer than degradedAfter, not on later checks', () => {
    const { sent } = run([
      [0, healthy],
      [1, degraded],
      [10, degraded],
      [11, degraded],
      [12, degraded],
      [40, degraded],
    ]);
    expect(sent).toEqual(['11: degraded since 1']);
  });

  it('does not notify when Degraded recovers before the threshold', () => {
    expect(run([[0, degraded], [9, { sync: 'Synced', health: 'Progressing' }], [20, healthy]]).sent).toEqual([]);
  });

  it('notifies again only after a recovery and a new episode, counted from the new start', () => {
    const { sent } = run([
      [0, degraded],
      [10, degraded],
      [15, healthy],
      [16, degraded],
      [25, degraded],
      [26, degraded],
    ]);
    expect(sent).toEqual(['10: degraded since 0', '26: degraded since 16']);
  });

  it('keeps an episode through Unknown, which neither starts nor ends one', () => {
    const { sent } = run([
      [0, degraded],
      [5, unknown],
      [10, degraded],
      [12, unknown],
      [13, degraded],
    ]);
    expect(sent).toEqual(['10: degraded since 0']);
    expect(run([[0, unknown], [60, unknown]]).sent).toEqual([]);
  });

  it('uses the OutOfSync threshold for OutOfSync, independent of health', () => {
    const { sent } = run([
      [0, outOfSync],
      [29, outOfSync],
      [30, { sync: 'OutOfSync', health: 'Degraded' }],
      [45, { sync: 'OutOfSync', health: 'Degraded' }],
      [50, healthy],
    ]);
    expect(sent).toEqual(['30: outOfSync since 0', '45: degraded since 30']);
  });

  it('notifies a failed or errored sync at once, once per episode, until a success or Synced', () => {
    const { sent } = run([
      [0, { operation: 'Failed' }],
      [3, { operation: 'Failed' }],
      [5, { operation: 'Error' }],
      [6, { operation: 'Succeeded' }],
      [7, { operation: 'Error' }],
      [8, healthy],
      [9, { operation: 'Failed' }],
    ]);
    expect(sent).toEqual(['0: syncFailed since 0', '7: syncFailed since 7', '9: syncFailed since 9']);
  });

  it('tells the end of an episode it told about, once, and not the end of one it did not', () => {
    const { sent, recovered } = run([
      [0, degraded],
      [10, degraded],
      [15, healthy],
      [16, degraded],
      [20, healthy],
      [21, { operation: 'Failed' }],
      [22, { operation: 'Succeeded' }],
      [23, { operation: 'Error' }],
      [24, healthy],
      [25, { operation: 'Succeeded' }],
      [30, outOfSync],
      [60, outOfSync],
      [61, unknown],
      [62, healthy],
      [63, healthy],
    ]);
    expect(sent).toEqual(['10: degraded since 0', '21: syncFailed since 21', '23: syncFailed since 23', '60: outOfSync since 30']);
    expect(recovered).toEqual(['15: degraded since 0', '22: syncFailed since 21', '24: syncFailed since 23', '62: outOfSync since 30']);
  });

  it('ignores terminated operations', () => {
    const { sent, state } = run([[0, { operation: 'Terminated' }], [1, { operation: 'Failed' }], [2, { operation: 'Terminated' }], [3, { operation: 'Failed' }]]);
    expect(sent).toEqual(['1: syncFailed since 1']);
    expect(state.syncFailed).toEqual({ since: MIN, notified: true });
  });

  it('does not change the previous state it is given', () => {
    const previous: EpisodeState = { degraded: { since: 0, notified: false } };
    const decision = policy.onStatus(previous, degraded, 20 * MIN);
    expect(decision.state.degraded).toEqual({ since: 0, notified: true });
    expect(previous.degraded).toEqual({ since: 0, notified: false });
  });

  it('notifies on the first observation when a threshold is zero', () => {
    const eager = new NotificationPolicy({ degradedAfterMs: 0, outOfSyncAfterMs: 0 });
    expect(eager.onStatus({}, { sync: 'OutOfSync', health: 'Degraded' }, 5).notify).toEqual([
      { kind: 'degraded', since: 5 },
      { kind: 'outOfSync', since: 5 },
    ]);
  });
});
