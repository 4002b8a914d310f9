import { errors } from '../api/Status';

/** kube-apiserver's `--max-requests-inflight` and `--max-mutating-requests-inflight`; 0 or unset is no limit. */
export interface RequestLimits {
  maxRequestsInFlight?: number;
  maxMutatingRequestsInFlight?: number;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The API server's max-in-flight filter: read-only and mutating requests
 * each have a number of slots, long-running ones (watches) take none, and a
 * request finding no free slot is refused with 429 TooManyRequests and
 * `Retry-After: 1`, for the client to try again.
 */
export class InFlightLimiter {
  private readonly inFlight = { readOnly: 0, mutating: 0 };

  constructor(public limits: RequestLimits = {}) {}

  /** Takes a slot for a request, or throws 429; returns the slot's release (safe to call twice). */
  admit(method: string, longRunning: boolean): () => void {
    if (longRunning) return () => {};
    const mutating = MUTATING.has(method);
    const kind = mutating ? 'mutating' : 'readOnly';
    const limit = mutating
      ? this.limits.maxMutatingRequestsInFlight
      : this.limits.maxRequestsInFlight;
    if (limit && this.inFlight[kind] >= limit) throw errors.tooManyRequests();
    this.inFlight[kind] += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight[kind] -= 1;
    };
  }
}
