import { ConfigReader } from '@backstage/config';
import { readSyncWaitTimeoutMs } from './readSyncWaitTimeout';

const read = (waitTimeout?: unknown) =>
  readSyncWaitTimeoutMs(new ConfigReader(waitTimeout === undefined ? {} : { slipway: { operations: { waitTimeout } } }));

describe('slipway.operations.waitTimeout', () => {
  it('defaults to ten minutes, takes any duration, and 0 as no limit', () => {
    expect(read()).toBe(600_000);
    expect(read('30m')).toBe(1_800_000);
    expect(read({ hours: 2 })).toBe(7_200_000);
    expect(read(0)).toBe(Infinity);
  });
});
