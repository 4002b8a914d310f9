import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { luaText, scriptFailure } from './luaValues';

/**
 * lib-bucket-provisioner `ObjectBucketClaim` health from the claim's phase,
 * which the message always names: Bound is Healthy, Failed Degraded, any
 * other phase (Pending, say) Progressing. Before the provisioner reports a
 * status, or a phase, the claim is Progressing too.
 * @public
 */
export function objectBucketClaimHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    return {
      status: 'Progressing',
      message: 'Waiting for status to be reported',
    };
  }
  const phase = at(status, 'phase');
  if (isNil(phase)) {
    return {
      status: 'Progressing',
      message: 'Waiting for phase to be reported',
    };
  }
  const text = luaText(phase);
  // Lua cannot join a phase that is neither text nor a number.
  if (text === undefined) return scriptFailure('status.phase is not text');
  const message = `Object bucket claim phase is ${text}`;
  if (phase === 'Bound') return { status: 'Healthy', message };
  if (phase === 'Failed') return { status: 'Degraded', message };
  return { status: 'Progressing', message };
}

/**
 * Slipway's checks for object bucket claims, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const objectBucketHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'objectbucket.io/ObjectBucketClaim': objectBucketClaimHealth,
};
