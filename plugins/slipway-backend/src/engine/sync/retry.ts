import type { RetryPolicy } from './types';

/** Delay before retry number `retry` (1-based): duration × factor^(retry−1), capped. @public */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const duration = policy.backoff?.durationMs ?? 5_000;
  const factor = policy.backoff?.factor ?? 2;
  const max = policy.backoff?.maxDurationMs ?? 180_000;
  return Math.min(max, duration * Math.pow(factor, Math.max(0, retry - 1)));
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go-style duration as Argo CD writes them (`5s`, `3m`, `1h30m`,
 * `250ms`; a bare number is seconds). Returns an error message for bad input.
 * @public
 */
export function parseDuration(
  text: string | number,
): number | { error: string } {
  if (typeof text === 'number') return text * 1000;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of trimmed.matchAll(re)) {
    if (m.index !== consumed) break;
    total += Number(m[1]) * UNITS[m[2]];
    consumed += m[0].length;
  }
  if (consumed !== trimmed.length || consumed === 0) {
    return {
      error: `"${text}" is not a duration; write e.g. "5s", "3m" or "1h"`,
    };
  }
  return total;
}

/**
 * The retry policy of an Argo CD `syncPolicy.retry` block
 * (`limit`, `backoff.duration`, `backoff.factor`, `backoff.maxDuration`).
 * @public
 */
export function retryPolicyFromSpec(
  spec: unknown,
): RetryPolicy | { error: string } | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  const s = spec as {
    limit?: unknown;
    backoff?: { duration?: unknown; factor?: unknown; maxDuration?: unknown };
  };
  const limit = s.limit === undefined ? 0 : Number(s.limit);
  if (!Number.isInteger(limit))
    return {
      error: `syncPolicy.retry.limit "${String(s.limit)}" is not an integer`,
    };
  const policy: RetryPolicy = {
    limit: limit < 0 ? Number.MAX_SAFE_INTEGER : limit,
    backoff: {},
  };
  for (const [field, target] of [
    ['duration', 'durationMs'],
    ['maxDuration', 'maxDurationMs'],
  ] as const) {
    const raw = s.backoff?.[field];
    if (raw === undefined) continue;
    const ms = parseDuration(raw as string | number);
    if (typeof ms !== 'number')
      return { error: `syncPolicy.retry.backoff.${field}: ${ms.error}` };
    policy.backoff![target] = ms;
  }
  if (s.backoff?.factor !== undefined) {
    const factor = Number(s.backoff.factor);
    if (!Number.isFinite(factor) || factor < 1)
      return {
        error: `syncPolicy.retry.backoff.factor "${String(
          s.backoff.factor,
        )}" must be a number ≥ 1`,
      };
    policy.backoff!.factor = factor;
  }
  return policy;
}

/** A sleep that ends early (resolving) when the signal aborts. @public */
export function abortableSleep(
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
