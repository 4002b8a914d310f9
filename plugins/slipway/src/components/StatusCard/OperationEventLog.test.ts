import type { OperationEventItem } from '@slipway/plugin-slipway-common';
import { mockSlipwayApi } from '../../hooks/testFixtures';
import { OperationEventLog } from './OperationEventLog';

const events = (from: number, to: number): OperationEventItem[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, time: 't', status: 'Synced' }));

/** The events route over a growing list of events, in pages of at most `limit`. */
function eventsApi(stored: OperationEventItem[]) {
  const api = mockSlipwayApi();
  api.getOperationEvents.mockImplementation(async (_id, page = {}) => {
    const rest = stored.filter(e => e.id > (page.after ?? 0));
    const items = rest.slice(0, page.limit ?? 500);
    return rest.length > items.length ? { items, nextCursor: items[items.length - 1].id } : { items };
  });
  return api;
}

describe('OperationEventLog', () => {
  it('reads every page, then only what follows the last event', async () => {
    const stored = events(1, 2500);
    const api = eventsApi(stored);
    const log = new OperationEventLog(api, 'op-1');
    expect((await log.readNew()).map(e => e.id)).toEqual(events(1, 2500).map(e => e.id));
    stored.push(...events(2501, 2503));
    expect((await log.readNew()).length).toBe(2503);
    expect(api.getOperationEvents.mock.calls.map(([, page]) => page?.after)).toEqual([undefined, 1000, 2000, 2500]);
  });

  it('answers the same array while nothing new arrives', async () => {
    const log = new OperationEventLog(eventsApi(events(1, 3)), 'op-1');
    const first = await log.readNew();
    expect(await log.readNew()).toBe(first);
  });

  it('keeps each event once when reads overlap', async () => {
    const log = new OperationEventLog(eventsApi(events(1, 1500)), 'op-1');
    const reads = await Promise.all([log.readNew(), log.readNew()]);
    for (const read of reads) expect(new Set(read.map(e => e.id)).size).toBe(read.length);
    expect((await log.readNew()).map(e => e.id)).toEqual(events(1, 1500).map(e => e.id));
  });

  it('stops at a cursor that does not move on', async () => {
    const api = mockSlipwayApi();
    api.getOperationEvents.mockResolvedValue({ items: events(1, 2), nextCursor: 2 });
    const log = new OperationEventLog(api, 'op-1');
    expect((await log.readNew()).length).toBe(2);
    expect(api.getOperationEvents).toHaveBeenCalledTimes(2);
  });
});
