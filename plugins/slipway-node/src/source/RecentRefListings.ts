import type { AdvertisedRef } from './resolveRevision';

/**
 * The last ref listing of each remote repository, for callers that accept a
 * recent answer (periodic refreshes). A thousand applications on one
 * repository then cost one listing per `maxAgeMs` instead of one per batch
 * of concurrent refreshes; Argo CD's repo server likewise caches resolved
 * revisions for periodic reconciliation.
 *
 * A listing counts from when it was asked for, not when it was answered, so
 * that its age never understates how old the answer may be.
 */
export class RecentRefListings {
  private readonly listings = new Map<string, { refs: AdvertisedRef[]; askedAt: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The moment to record as a listing's age when it is asked for. */
  askedNow(): number {
    return this.now();
  }

  /** The refs of a repository if a listing asked for at most `maxAgeMs` ago was kept. */
  get(repoKey: string): AdvertisedRef[] | undefined {
    const kept = this.listings.get(repoKey);
    if (!kept) return undefined;
    if (this.now() - kept.askedAt > this.maxAgeMs) {
      this.listings.delete(repoKey);
      return undefined;
    }
    return kept.refs;
  }

  /** Keeps a successful listing unless a newer one is already kept. */
  remember(repoKey: string, refs: AdvertisedRef[], askedAt: number): void {
    if (this.maxAgeMs <= 0) return;
    const kept = this.listings.get(repoKey);
    if (kept && kept.askedAt > askedAt) return;
    this.listings.set(repoKey, { refs, askedAt });
  }
}
