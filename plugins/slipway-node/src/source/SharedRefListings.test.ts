import { SharedRefListings } from './SharedRefListings';
import type { AdvertisedRef } from './resolveRevision';

/** A remote whose listings answer when the test says so, numbered in the order asked. */
function heldRemote() {
  const pending: Array<(refs: AdvertisedRef[]) => void> = [];
  let asked = 0;
  return {
    list: () => {
      asked += 1;
      const n = asked;
      return new Promise<AdvertisedRef[]>(resolve => pending.push(() => resolve([{ ref: 'refs/heads/main', oid: `listing-${n}` }])));
    },
    answerNext: () => pending.shift()!([]),
    get asked() {
      return asked;
    },
  };
}

const oidOf = async (refs: Promise<AdvertisedRef[]>) => (await refs)[0].oid;

describe('SharedRefListings', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000;
  });

  it('shares the listing under way with callers that accept a recent answer, and lists again for those told of a change since', async () => {
    const remote = heldRemote();
    const listings = new SharedRefListings(3_000, clock);
    const first = listings.refs('repo', {}, remote.list);
    now += 10;
    const periodic = listings.refs('repo', { acceptRecent: true }, remote.list);
    const pushed = listings.refs('repo', {}, remote.list); // told about a push after the first was asked
    remote.answerNext();
    expect(await oidOf(first)).toBe('listing-1');
    expect(await oidOf(periodic)).toBe('listing-1');
    await Promise.resolve();
    remote.answerNext();
    expect(await oidOf(pushed)).toBe('listing-2');
    expect(remote.asked).toBe(2);
  });

  it('serves a caller that names when it learned of a change from any listing asked for after that moment', async () => {
    const remote = heldRemote();
    const listings = new SharedRefListings(0, clock);
    const pushAt = now;
    now += 5;
    // asked for after the push: kept and reused however often it is asked for again
    const afterPush = listings.refs('repo', { listedAfter: pushAt }, remote.list);
    const sameRound = listings.refs('repo', { listedAfter: pushAt }, remote.list);
    remote.answerNext();
    expect(await oidOf(afterPush)).toBe('listing-1');
    expect(await oidOf(sameRound)).toBe('listing-1');
    now += 60_000;
    expect(await oidOf(listings.refs('repo', { listedAfter: pushAt }, remote.list))).toBe('listing-1');
    expect(remote.asked).toBe(1);
    // a later push needs a listing asked for after it
    const laterPush = now;
    const later = listings.refs('repo', { listedAfter: laterPush }, remote.list);
    remote.answerNext();
    expect(await oidOf(later)).toBe('listing-2');
  });

  it('does not reuse a listing asked for in the same millisecond as the change, nor one under way since before it', async () => {
    const remote = heldRemote();
    const listings = new SharedRefListings(3_000, clock);
    const before = listings.refs('repo', {}, remote.list);
    const pushed = listings.refs('repo', { listedAfter: now }, remote.list);
    remote.answerNext();
    expect(await oidOf(before)).toBe('listing-1');
    await Promise.resolve();
    remote.answerNext();
    expect(await oidOf(pushed)).toBe('listing-2');
  });

  it('reuses a listing for periodic callers for maxAgeMs, and never when that is 0', async () => {
    const remote = heldRemote();
    const listings = new SharedRefListings(3_000, clock);
    const first = listings.refs('repo', {}, remote.list);
    remote.answerNext();
    await first;
    now += 3_000;
    expect(await oidOf(listings.refs('repo', { acceptRecent: true }, remote.list))).toBe('listing-1');
    now += 1;
    const expired = listings.refs('repo', { acceptRecent: true }, remote.list);
    remote.answerNext();
    expect(await oidOf(expired)).toBe('listing-2');

    const never = new SharedRefListings(0, clock);
    const one = never.refs('other', {}, remote.list);
    remote.answerNext();
    await one;
    const two = never.refs('other', { acceptRecent: true }, remote.list);
    remote.answerNext();
    expect(await oidOf(two)).toBe('listing-4');
  });

  it('keeps no failed listing, and a follow-up still runs after one failed', async () => {
    const listings = new SharedRefListings(3_000, clock);
    let calls = 0;
    const flaky = () => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('remote down')) : Promise.resolve([{ ref: 'refs/heads/main', oid: `ok-${calls}` }]);
    };
    const failing = listings.refs('repo', {}, flaky);
    const waiting = listings.refs('repo', {}, flaky);
    await expect(failing).rejects.toThrow('remote down');
    expect(await oidOf(waiting)).toBe('ok-2');
    expect(await oidOf(listings.refs('repo', { acceptRecent: true }, flaky))).toBe('ok-2');
  });
});
