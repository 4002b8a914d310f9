import type { OperationEventInput } from '../store';
import { OperationEventWriter } from './OperationEventWriter';

function recordingStore(options: { failFirst?: boolean } = {}) {
  const writes: string[][] = [];
  let calls = 0;
  return {
    writes,
    store: {
      appendEvents: async (_id: string, events: OperationEventInput[]) => {
        calls += 1;
        if (options.failFirst && calls === 1) throw new Error('database is locked');
        writes.push(events.map(e => e.status));
      },
    },
  };
}

describe('OperationEventWriter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gathers events that arrive close together into one write, in order', async () => {
    const { store, writes } = recordingStore();
    const writer = new OperationEventWriter({ operationId: 'op-1', store, onError: jest.fn(), delayMs: 100 });
    writer.add({ status: 'Running' });
    writer.add({ status: 'Synced' });
    expect(writes).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([['Running', 'Synced']]);
    writer.add({ status: 'Succeeded' });
    await writer.flush();
    expect(writes).toEqual([['Running', 'Synced'], ['Succeeded']]);
  });

  it('writes everything left when flushed at the end of the operation, without waiting for the delay', async () => {
    const { store, writes } = recordingStore();
    const writer = new OperationEventWriter({ operationId: 'op-1', store, onError: jest.fn(), delayMs: 60_000 });
    writer.add({ status: 'Running' });
    await writer.flush();
    expect(writes).toEqual([['Running']]);
    await writer.flush(); // nothing left: no empty write
    expect(writes).toHaveLength(1);
  });

  it('reports a failed write and still writes the events after it', async () => {
    const { store, writes } = recordingStore({ failFirst: true });
    const onError = jest.fn();
    const writer = new OperationEventWriter({ operationId: 'op-1', store, onError, delayMs: 10 });
    writer.add({ status: 'Running' });
    await jest.advanceTimersByTimeAsync(10);
    writer.add({ status: 'Synced' });
    await writer.flush();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'database is locked' }));
    expect(writes).toEqual([['Synced']]);
  });
});
