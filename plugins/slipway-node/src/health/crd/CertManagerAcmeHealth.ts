import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, record, str } from '../fields';

/** ACME states after which cert-manager gives up on the object. */
const FAILED_STATES = ['invalid', 'expired', 'errored'];

/** How one ACME kind words its health. */
interface AcmeRule {
  /** The noun used in messages: `Challenge` or `Order`. */
  noun: string;
  /** Message before cert-manager has written any state. */
  waitingMessage: string;
  /** Whether the controller's `reason` is quoted while still in flight. */
  reasonWhileInFlight: boolean;
}

/**
 * ACME objects carry the state the ACME server last reported in
 * `status.state`. `valid` is Healthy; a failed state is Degraded with the
 * controller's `reason` (or the bare state when it gave none); any other
 * state (pending, ready, processing) is still in flight. A reason that is
 * present but empty is quoted as is, since only a missing one falls back.
 */
function acmeHealth(obj: KubeObject, rule: AcmeRule): ResourceHealth {
  const status = record(at(obj, 'status'));
  const state = str(status.state);
  if (state === '') {
    return { status: 'Progressing', message: rule.waitingMessage };
  }
  if (state === 'valid') {
    return { status: 'Healthy', message: `${rule.noun} is valid` };
  }
  const fallback = `${rule.noun} is ${state}`;
  const reason = typeof status.reason === 'string' ? status.reason : fallback;
  if (FAILED_STATES.includes(state)) {
    return { status: 'Degraded', message: reason };
  }
  return {
    status: 'Progressing',
    message: rule.reasonWhileInFlight ? reason : fallback,
  };
}

/**
 * cert-manager ACME `Challenge` health from its `status.state`. While the
 * challenge is in flight the controller's reason (for example, waiting for
 * DNS propagation) is the most useful message, so it is quoted.
 * @public
 */
export function challengeHealth(obj: KubeObject): ResourceHealth {
  return acmeHealth(obj, {
    noun: 'Challenge',
    waitingMessage: 'Waiting for challenge',
    reasonWhileInFlight: true,
  });
}

/**
 * cert-manager ACME `Order` health from its `status.state`. Unlike a
 * Challenge, an in-flight Order only names its state: Argo CD quotes the
 * reason only once the order has failed.
 * @public
 */
export function orderHealth(obj: KubeObject): ResourceHealth {
  return acmeHealth(obj, {
    noun: 'Order',
    waitingMessage: 'Waiting for order',
    reasonWhileInFlight: false,
  });
}

/**
 * Argo CD's bundled checks for cert-manager's ACME kinds
 * (`acme.cert-manager.io`), keyed as its resource_customizations folders are
 * named.
 * @public
 */
export const certManagerAcmeHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'acme.cert-manager.io/Challenge': challengeHealth,
  'acme.cert-manager.io/Order': orderHealth,
};
