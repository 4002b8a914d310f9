import type { SourceCallOptions } from './Source';
import type { AdvertisedRef } from './resolveRevision';

/**
 * Shares ref listings of remote repositories between callers. Concurrent
 * callers share the listing under way; callers that accept a recent answer
 * (periodic refreshes) reuse a listing of the last `maxAgeMs`, so a thousand
 * applications on one repository cost one listing per `maxAgeMs` instead of
 * one per batch of concurrent refreshes (Argo CD's repo server likewise
 * caches resolved revisions); callers that name the moment they learned of a
 * change (a push webhook) reuse any listing asked for after that moment.
 * Everyone else gets a listing asked for after they arrived.
 *
 * A listing counts from when it was asked for, not when it was answered, so
 * that its age never understates how old the answer may be.
 */
export class SharedRefListings {
  private readonly kept = new Map<string, { refs: AdvertisedRef[]; askedAt: number }>();
  private readonly inFlight = new Map<string, { refs: Promise<AdvertisedRef[]>; askedAt: number }>();
  private readonly followUps = new Map<string, Promise<AdvertisedRef[]>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The refs of a repository for a caller, from a kept or running listing
   * when it will do, else from `list` (which must not be called concurrently
   * for one repository; this class makes sure of that).
   */
  refs(repoKey: string, options: SourceCallOptions, list: () => Promise<AdvertisedRef[]>): Promise<AdvertisedRef[]> {
    const since = options.listedAfter;
    const kept = this.keptFor(repoKey, options);
    if (kept) return Promise.resolve(kept);
    const running = this.inFlight.get(repoKey);
    if (!running) return this.start(repoKey, list);
    // strictly after: a listing of the same millisecond may predate the change
    if (options.acceptRecent || (since !== undefined && running.askedAt > since)) return running.refs;
    // the listing under way may predate the push this caller was told about:
    // it gets the next listing, shared with others waiting
    let followUp = this.followUps.get(repoKey);
    if (!followUp) {
      followUp = running.refs
        .catch(() => undefined)
        .then(() => {
          this.followUps.delete(repoKey);
          return this.inFlight.get(repoKey)?.refs ?? this.start(repoKey, list);
        });
      this.followUps.set(repoKey, followUp);
    }
    return followUp;
  }

  private start(repoKey: string, list: () => Promise<AdvertisedRef[]>): Promise<AdvertisedRef[]> {
    const askedAt = this.now();
    const refs: Promise<AdvertisedRef[]> = list()
      .then(answer => {
        // kept only once it succeeded (for Git, once every commit it names was fetched)
        this.remember(repoKey, answer, askedAt);
        return answer;
      })
      .finally(() => {
        if (this.inFlight.get(repoKey)?.refs === refs) this.inFlight.delete(repoKey);
      });
    this.inFlight.set(repoKey, { refs, askedAt });
    return refs;
  }

  /** A kept listing that will do for the caller, if any. */
  private keptFor(repoKey: string, options: SourceCallOptions): AdvertisedRef[] | undefined {
    if (options.acceptRecent) return this.recent(repoKey);
    return options.listedAfter !== undefined ? this.askedAfter(repoKey, options.listedAfter) : undefined;
  }

  private recent(repoKey: string): AdvertisedRef[] | undefined {
    const kept = this.kept.get(repoKey);
    if (!kept || this.maxAgeMs <= 0) return undefined;
    return this.now() - kept.askedAt > this.maxAgeMs ? undefined : kept.refs;
  }

  private askedAfter(repoKey: string, since: number): AdvertisedRef[] | undefined {
    const kept = this.kept.get(repoKey);
    return kept && kept.askedAt > since ? kept.refs : undefined;
  }

  private remember(repoKey: string, refs: AdvertisedRef[], askedAt: number): void {
    const kept = this.kept.get(repoKey);
    if (kept && kept.askedAt > askedAt) return;
    this.kept.set(repoKey, { refs, askedAt });
  }
}
