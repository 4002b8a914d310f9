import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads Go durations and bare seconds', () => {
    expect(parseDuration('5s', 0)).toBe(5000);
    expect(parseDuration('3m', 0)).toBe(180_000);
    expect(parseDuration('1h30m', 0)).toBe(5_400_000);
    expect(parseDuration('250ms', 0)).toBe(250);
    expect(parseDuration('10', 0)).toBe(10_000);
    expect(parseDuration(undefined, 42)).toBe(42);
  });

  it('refuses text that is not a duration, saying how to write one', () => {
    expect(() => parseDuration('five seconds', 0)).toThrow("'five seconds' is not a duration; write it like 5s, 3m or 1h");
    expect(() => parseDuration('5x', 0)).toThrow(/not a duration/);
  });
});
