import { Cron } from 'croner';
import { matchGlob } from '@slipway/plugin-slipway-node';
import type { SyncWindow } from './types';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** A Go duration as sync windows write it (`1h`, `30m`, `1h30m`, `90s`) in milliseconds; undefined when invalid. */
export function parseWindowDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return total;
}

/** What a window is matched against. */
export interface SyncWindowTarget {
  /** Application name. */
  name: string;
  /** `spec.destination.namespace`. */
  namespace?: string;
  /** `spec.destination.name` and/or `.server`. */
  cluster: { name?: string; server?: string };
}

function anyMatch(patterns: string[], value: string | undefined): boolean {
  return value !== undefined && value !== '' && patterns.some(p => matchGlob(p, value));
}

/**
 * Whether a window applies to an application: by name, destination cluster
 * (name or server) or destination namespace, any of the given lists (all of
 * them with `andOperator`).
 */
export function windowMatches(window: SyncWindow, target: SyncWindowTarget): boolean {
  const checks: boolean[] = [];
  if (window.applications?.length) checks.push(anyMatch(window.applications, target.name));
  if (window.clusters?.length) {
    checks.push(
      anyMatch(window.clusters, target.cluster.name) || anyMatch(window.clusters, target.cluster.server),
    );
  }
  if (window.namespaces?.length) checks.push(anyMatch(window.namespaces, target.namespace));
  if (checks.length === 0) return false;
  return window.andOperator ? checks.every(Boolean) : checks.some(Boolean);
}

/**
 * Whether the window is open at `now`: one of its scheduled starts lies
 * within the last `duration` (as Argo CD computes it).
 */
export function isWindowActive(window: SyncWindow, now: Date): boolean {
  const durationMs = parseWindowDuration(window.duration);
  if (durationMs === undefined) return false;
  const cron = new Cron(window.schedule, { paused: true, timezone: window.timeZone ?? 'UTC' });
  try {
    const start = cron.nextRun(new Date(now.getTime() - durationMs));
    return start !== null && start.getTime() < now.getTime();
  } finally {
    cron.stop();
  }
}

/** Whether syncs may run now, after the windows that match the application. */
export interface SyncWindowDecision {
  /** Automated syncs may run. */
  automatedAllowed: boolean;
  /** Manual syncs may run. */
  manualAllowed: boolean;
  /** Why syncs are blocked, when they are. */
  reason?: string;
}

function describe(window: SyncWindow): string {
  return `${window.kind} window '${window.schedule}' (${window.duration}${window.timeZone ? ` ${window.timeZone}` : ''})${
    window.description ? ` ${window.description}` : ''
  }`;
}

/**
 * Argo CD's sync window rules: no matching window allows everything; an
 * active deny window blocks syncs (manual ones too, unless every active deny
 * window has `manualSync`); otherwise an active allow window allows them;
 * matching allow windows that are all closed block syncs (manual ones
 * too, unless one of them has `manualSync`). Deny wins over allow. Pure.
 */
export function evaluateSyncWindows(
  windows: readonly SyncWindow[],
  target: SyncWindowTarget,
  now: Date,
): SyncWindowDecision {
  const matching = windows.filter(w => windowMatches(w, target));
  const active = matching.filter(w => isWindowActive(w, now));
  const activeDeny = active.filter(w => w.kind === 'deny');
  if (activeDeny.length > 0) {
    return {
      automatedAllowed: false,
      manualAllowed: activeDeny.every(w => w.manualSync),
      reason: `a sync window blocks syncs of ${target.name}: ${activeDeny.map(describe).join(', ')} is active`,
    };
  }
  if (active.some(w => w.kind === 'allow')) {
    return { automatedAllowed: true, manualAllowed: true };
  }
  const closedAllows = matching.filter(w => w.kind === 'allow');
  if (closedAllows.length > 0) {
    return {
      automatedAllowed: false,
      manualAllowed: closedAllows.some(w => w.manualSync),
      reason: `syncs of ${target.name} run only in its allow windows, and none is open: ${closedAllows.map(describe).join(', ')}`,
    };
  }
  return { automatedAllowed: true, manualAllowed: true };
}
