import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { rawConditionsOf } from '../fields';
import { scriptFailure, withMessage } from './luaValues';

/** `Ready` reasons with which NACK reports a resource in sync with the server. */
const SETTLED_REASONS: ReadonlySet<unknown> = new Set([
  'Created',
  'Updated',
  'Noop',
  'SkipCreate',
  'SkipUpdate',
]);

/** How long NACK may keep a resource in a non-settled `Ready` state. */
const GRACE_SECONDS = 30;

/**
 * Argo CD reads `lastTransitionTime` with a Lua pattern that wants fractional
 * seconds (as NACK writes them) and takes the fields as *local* time. When
 * the pattern does not match, Lua's `os.time` fills in defaults that lie far
 * in the past, so such a time always counts as long ago.
 */
const TRANSITION_TIME = /(\d+)-(\d+)-(\d+)[A-Za-z](\d+):(\d+):(\d+)\.\d+Z/;

/** Seconds since the epoch of a transition time, or -Infinity (long ago). */
function transitionSeconds(text: string): number {
  const m = TRANSITION_TIME.exec(text);
  if (!m) return -Infinity;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const date = new Date(0);
  // setFullYear, unlike the Date constructor, keeps years below 100 as given.
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, 0);
  return Math.floor(date.getTime() / 1000);
}

/**
 * Health of the NATS JetStream controller's (NACK) resources: `Stream`,
 * `Consumer`, `KeyValue`, `ObjectStore` and `Account`. Conditions are read in
 * order: any condition that is False is Degraded; a `Ready` condition with a
 * settled reason is Healthy; a `Ready` condition with any other reason is
 * Progressing, until it has been so for more than 30 seconds: then NACK is
 * taken to be stuck, and it is Degraded. The check reads the clock; `nowMs`
 * is there for tests.
 * @public
 */
export function nackResourceHealth(
  obj: KubeObject,
  nowMs: number = Date.now(),
): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.status === 'False') return withMessage('Degraded', c.message);
    if (c.type !== 'Ready') continue;
    if (SETTLED_REASONS.has(c.reason)) return withMessage('Healthy', c.message);
    const since = c.lastTransitionTime;
    if (typeof since !== 'string') {
      return scriptFailure('the Ready condition has no lastTransitionTime');
    }
    if (Math.floor(nowMs / 1000) - transitionSeconds(since) > GRACE_SECONDS) {
      return {
        status: 'Degraded',
        message: 'Trying to create resource for more than 30 seconds',
      };
    }
    return withMessage('Progressing', c.message);
  }
  return { status: 'Progressing', message: 'Waiting for Nacks' };
}

/**
 * Slipway's checks for NACK, the NATS JetStream controller, keyed as Argo
 * CD's resource_customizations folders are named.
 * @public
 */
export const natsJetStreamHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'jetstream.nats.io/Account': obj => nackResourceHealth(obj),
    'jetstream.nats.io/Consumer': obj => nackResourceHealth(obj),
    'jetstream.nats.io/KeyValue': obj => nackResourceHealth(obj),
    'jetstream.nats.io/ObjectStore': obj => nackResourceHealth(obj),
    'jetstream.nats.io/Stream': obj => nackResourceHealth(obj),
  };
