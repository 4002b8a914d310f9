import { ConfigReader, JsonValue } from '@backstage/config';
import { readNotificationsConfig } from './readNotificationsConfig';

describe('readNotificationsConfig', () => {
  it('is on by default: Degraded after 10 minutes, OutOfSync after 30', () => {
    expect(readNotificationsConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      degradedAfterMs: 600_000,
      outOfSyncAfterMs: 1_800_000,
    });
  });

  it('reads duration strings, ISO durations, HumanDuration objects and seconds', () => {
    const read = (value: JsonValue) =>
      readNotificationsConfig(new ConfigReader({ slipway: { notifications: { degradedAfter: value } } })).degradedAfterMs;
    expect(read('5m')).toBe(300_000);
    expect(read('PT1H30M')).toBe(5_400_000);
    expect(read({ minutes: 2, seconds: 30 })).toBe(150_000);
    expect(read(45)).toBe(45_000);
  });

  it('can be turned off', () => {
    expect(readNotificationsConfig(new ConfigReader({ slipway: { notifications: { enabled: false } } })).enabled).toBe(false);
  });

  it('names the key of a duration it cannot read', () => {
    expect(() =>
      readNotificationsConfig(new ConfigReader({ slipway: { notifications: { outOfSyncAfter: 'soon' } } })),
    ).toThrow(/slipway\.notifications\.outOfSyncAfter/);
  });
});
