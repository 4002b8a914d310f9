import { evaluateSyncWindows, isWindowActive, parseWindowDuration, windowMatches } from './syncWindows';
import type { SyncWindow } from './types';

const app = { name: 'payments-prod', namespace: 'payments', cluster: { name: 'prod-eu', server: 'https://prod-eu:6443' } };
const at = (iso: string) => new Date(iso);
const nightly = (spec: Partial<SyncWindow>): SyncWindow => ({
  kind: 'deny',
  schedule: '0 22 * * *',
  duration: '1h',
  applications: ['*'],
  ...spec,
});

describe('sync window schedule', () => {
  it('parses Go durations', () => {
    expect(parseWindowDuration('1h')).toBe(3_600_000);
    expect(parseWindowDuration('1h30m')).toBe(5_400_000);
    expect(parseWindowDuration('90s')).toBe(90_000);
    expect(parseWindowDuration('an hour')).toBeUndefined();
  });

  it('is open from each scheduled start for its duration', () => {
    const w = nightly({});
    expect(isWindowActive(w, at('2026-03-10T21:59:00Z'))).toBe(false);
    expect(isWindowActive(w, at('2026-03-10T22:00:30Z'))).toBe(true);
    expect(isWindowActive(w, at('2026-03-10T22:59:00Z'))).toBe(true);
    expect(isWindowActive(w, at('2026-03-10T23:01:00Z'))).toBe(false);
  });

  it('reads the schedule in the window time zone', () => {
    // 22:00 in Berlin is 21:00 UTC in winter
    const w = nightly({ timeZone: 'Europe/Berlin' });
    expect(isWindowActive(w, at('2026-01-10T21:30:00Z'))).toBe(true);
    expect(isWindowActive(w, at('2026-01-10T22:30:00Z'))).toBe(false);
  });
});

describe('which applications a window affects', () => {
  it('matches by application, namespace or cluster (any of them)', () => {
    expect(windowMatches(nightly({ applications: ['payments-*'] }), app)).toBe(true);
    expect(windowMatches(nightly({ applications: ['web-*'] }), app)).toBe(false);
    expect(windowMatches(nightly({ applications: undefined, namespaces: ['pay*'] }), app)).toBe(true);
    expect(windowMatches(nightly({ applications: undefined, clusters: ['prod-*'] }), app)).toBe(true);
    expect(windowMatches(nightly({ applications: undefined, clusters: ['https://prod-eu:6443'] }), app)).toBe(true);
    expect(windowMatches(nightly({ applications: ['web'], namespaces: ['payments'] }), app)).toBe(true);
  });

  it('with andOperator every given list must match', () => {
    expect(windowMatches(nightly({ applications: ['web'], namespaces: ['payments'], andOperator: true }), app)).toBe(false);
    expect(windowMatches(nightly({ applications: ['payments-*'], namespaces: ['payments'], andOperator: true }), app)).toBe(true);
  });
});

describe('whether syncs may run (Argo CD sync window rules)', () => {
  const inWindow = at('2026-03-10T22:30:00Z');
  const outside = at('2026-03-10T12:00:00Z');

  it('allows everything when no window matches', () => {
    expect(evaluateSyncWindows([], app, inWindow)).toEqual({ automatedAllowed: true, manualAllowed: true });
    expect(evaluateSyncWindows([nightly({ applications: ['web'] })], app, inWindow).automatedAllowed).toBe(true);
  });

  it('an active deny window blocks automated and manual syncs, manual ones only without manualSync', () => {
    const blocked = evaluateSyncWindows([nightly({})], app, inWindow);
    expect(blocked).toEqual({ automatedAllowed: false, manualAllowed: false, reason: expect.stringContaining('deny window') });
    expect(evaluateSyncWindows([nightly({ manualSync: true })], app, inWindow)).toMatchObject({
      automatedAllowed: false,
      manualAllowed: true,
    });
    expect(evaluateSyncWindows([nightly({})], app, outside)).toEqual({ automatedAllowed: true, manualAllowed: true });
  });

  it('with allow windows, syncs run only while one is open', () => {
    const allow = nightly({ kind: 'allow' });
    expect(evaluateSyncWindows([allow], app, inWindow)).toEqual({ automatedAllowed: true, manualAllowed: true });
    expect(evaluateSyncWindows([allow], app, outside)).toMatchObject({ automatedAllowed: false, manualAllowed: false });
    expect(evaluateSyncWindows([nightly({ kind: 'allow', manualSync: true })], app, outside)).toMatchObject({
      automatedAllowed: false,
      manualAllowed: true,
    });
  });

  it('deny windows override allow windows', () => {
    const decision = evaluateSyncWindows([nightly({ kind: 'allow' }), nightly({ kind: 'deny' })], app, inWindow);
    expect(decision.automatedAllowed).toBe(false);
    expect(decision.manualAllowed).toBe(false);
  });
});
