import {
  formatDuration,
  HOUR,
  MICROSECOND,
  MILLISECOND,
  MINUTE,
  NANOSECOND,
  parseDuration,
  roundDuration,
  SECOND,
} from './goDuration';

describe('Go time.Duration', () => {
  it('parses durations as time.ParseDuration does (package example)', () => {
    expect(formatDuration(parseDuration('10h'))).toBe('10h0m0s');
    expect(formatDuration(parseDuration('1h10m10s'))).toBe('1h10m10s');
    expect(parseDuration('1h10m10s') / SECOND).toBe(4210n);
    // "The package also accepts the incorrect but common prefix u for micro."
    expect(parseDuration('1µs')).toBe(1000n);
    expect(parseDuration('1us')).toBe(1000n);
    expect(parseDuration('1\u03bcs')).toBe(1000n);
  });

  it('reads signs, fractions and sums of units, and "0" without a unit', () => {
    expect(parseDuration('-1.5h')).toBe(-90n * MINUTE);
    expect(parseDuration('+30m')).toBe(30n * MINUTE);
    expect(parseDuration('2h45m')).toBe(165n * MINUTE);
    expect(parseDuration('.5s')).toBe(500n * MILLISECOND);
    expect(parseDuration('1.s')).toBe(SECOND);
    expect(parseDuration('0')).toBe(0n);
    expect(parseDuration('-0')).toBe(0n);
    expect(parseDuration('1h15m30.918273645s')).toBe(
      HOUR + 15n * MINUTE + 30n * SECOND + 918273645n,
    );
  });

  it('fails with Go messages on bad durations', () => {
    expect(() => parseDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseDuration('1')).toThrow(
      'time: missing unit in duration "1"',
    );
    expect(() => parseDuration('1d')).toThrow(
      'time: unknown unit "d" in duration "1d"',
    );
    expect(() => parseDuration('.s')).toThrow('time: invalid duration ".s"');
    // A unit runs up to the next digit or point.
    expect(() => parseDuration('1h-5m')).toThrow(
      'time: unknown unit "h-" in duration "1h-5m"',
    );
    expect(() => parseDuration('-.5')).toThrow(
      'time: missing unit in duration "-.5"',
    );
    expect(() => parseDuration('3000000h')).toThrow(
      'time: invalid duration "3000000h"',
    );
  });

  it('prints durations as Duration.String does', () => {
    expect(formatDuration(HOUR + 2n * MINUTE + 300n * MILLISECOND)).toBe(
      '1h2m0.3s',
    );
    expect(formatDuration(300n * MILLISECOND)).toBe('300ms');
    expect(formatDuration(95n * SECOND)).toBe('1m35s');
    expect(formatDuration(0n)).toBe('0s');
    expect(formatDuration(1500n * NANOSECOND)).toBe('1.5µs');
    expect(formatDuration(7n)).toBe('7ns');
    expect(formatDuration(-90n * MINUTE)).toBe('-1h30m0s');
    expect(formatDuration(2540400n * HOUR + 10n * MINUTE + 10n * SECOND)).toBe(
      '2540400h10m10s',
    );
  });

  it('rounds halfway away from zero (Duration.Round package example)', () => {
    const d = parseDuration('1h15m30.918273645s');
    const rounded = (m: bigint) => formatDuration(roundDuration(d, m));
    expect(rounded(NANOSECOND)).toBe('1h15m30.918273645s');
    expect(rounded(MICROSECOND)).toBe('1h15m30.918274s');
    expect(rounded(MILLISECOND)).toBe('1h15m30.918s');
    expect(rounded(SECOND)).toBe('1h15m31s');
    expect(rounded(2n * SECOND)).toBe('1h15m30s');
    expect(rounded(MINUTE)).toBe('1h16m0s');
    expect(rounded(10n * MINUTE)).toBe('1h20m0s');
    expect(rounded(HOUR)).toBe('1h0m0s');
    expect(formatDuration(roundDuration(-1500n * MILLISECOND, SECOND))).toBe(
      '-2s',
    );
  });
});
