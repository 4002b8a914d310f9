import { backoffDelay, parseDuration, retryPolicyFromSpec } from './retry';

describe('retry policy', () => {
  it('parses Argo CD durations', () => {
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('3m')).toBe(180000);
    expect(parseDuration('1h30m')).toBe(5400000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('10')).toBe(10000);
    expect(parseDuration('soon')).toEqual({
      error: expect.stringMatching(/"soon" is not a duration/),
    });
  });

  it('reads syncPolicy.retry with Argo CD defaults, negative limit meaning unlimited', () => {
    expect(
      retryPolicyFromSpec({
        limit: 2,
        backoff: { duration: '10s', factor: 3, maxDuration: '1m' },
      }),
    ).toEqual({
      limit: 2,
      backoff: { durationMs: 10000, factor: 3, maxDurationMs: 60000 },
    });
    expect(retryPolicyFromSpec({ limit: -1 })).toMatchObject({
      limit: Number.MAX_SAFE_INTEGER,
    });
    expect(retryPolicyFromSpec({ limit: 1, backoff: { factor: 0.5 } })).toEqual(
      { error: expect.stringMatching(/factor/) },
    );
    expect(retryPolicyFromSpec(undefined)).toBeUndefined();
  });

  it('backs off exponentially up to the maximum', () => {
    const policy = { limit: 10 };
    expect([1, 2, 3, 4, 5, 6, 7].map(n => backoffDelay(policy, n))).toEqual([
      5000, 10000, 20000, 40000, 80000, 160000, 180000,
    ]);
  });
});
