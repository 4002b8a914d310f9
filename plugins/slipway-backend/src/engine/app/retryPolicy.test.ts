import { retryPolicyOf } from './ApplicationController';
import type { EngineApplication } from './types';

const app = (retry?: Record<string, unknown>): EngineApplication => ({
  name: 'web',
  spec: {
    source: { repoURL: 'https://git.example.com/gitops.git', path: 'web' },
    destination: { name: 'prod', namespace: 'web' },
    ...(retry ? { syncPolicy: { retry } } : {}),
  },
});

describe("a sync's retry policy, as Argo CD's", () => {
  it("is the Application's syncPolicy.retry: no limit means no retry, a negative one no end", () => {
    expect(retryPolicyOf(app({ limit: 3, backoff: { duration: '10s', factor: 3, maxDuration: '1m' } }))).toEqual({
      limit: 3,
      backoff: { durationMs: 10_000, factor: 3, maxDurationMs: 60_000 },
    });
    expect(retryPolicyOf(app({}))).toEqual({ limit: 0, backoff: {} });
    expect(retryPolicyOf(app({ limit: -1 }))).toMatchObject({ limit: Number.MAX_SAFE_INTEGER });
    // a policy that cannot be read is an error of the sync, naming the field
    expect(retryPolicyOf(app({ limit: 2, backoff: { duration: 'soon' } }))).toEqual({
      error: 'syncPolicy.retry.backoff.duration: "soon" is not a duration; write e.g. "5s", "3m" or "1h"',
    });
  });

  it('retries an automated sync five times when the Application sets no retry, and another not at all', () => {
    expect(retryPolicyOf(app(), true)).toEqual({ limit: 5, backoff: {} });
    expect(retryPolicyOf(app())).toBeUndefined();
    // the Application's own policy wins for automated syncs too
    expect(retryPolicyOf(app({ limit: 1 }), true)).toMatchObject({ limit: 1 });
  });
});
