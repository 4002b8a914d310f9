import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf, record } from '../fields';
import { luaEquals, luaItems, withMessage } from './luaValues';

/**
 * Envoy Gateway `Backend` health from its `Accepted` condition. A condition
 * written for an older generation of the spec says nothing about the
 * current one, so the Backend waits for an update; otherwise Accepted True
 * is Healthy and any other status Degraded, with the condition's message.
 * @public
 */
export function envoyBackendHealth(obj: KubeObject): ResourceHealth {
  const accepted = rawConditionsOf(obj).find(c => c.type === 'Accepted');
  if (!accepted) {
    return { status: 'Progressing', message: 'Waiting for Backend status' };
  }
  const observed = accepted.observedGeneration;
  if (
    !isNil(observed) &&
    !luaEquals(observed, at(obj, 'metadata', 'generation'))
  ) {
    return {
      status: 'Progressing',
      message: 'Waiting for Backend status to be updated',
    };
  }
  return withMessage(
    accepted.status === 'True' ? 'Healthy' : 'Degraded',
    accepted.message,
  );
}

/**
 * Whether a policy ancestor's conditions speak for the policy's current
 * generation: every condition that records an observed generation must
 * record the current one. An ancestor without conditions has observed
 * nothing, unless the object has no generation to compare with at all.
 */
function ancestorObserved(
  generation: unknown,
  conditions: Record<string, any>[],
): boolean {
  if (isNil(generation)) return true;
  if (conditions.length === 0) return false;
  return conditions.every(
    c =>
      isNil(c.observedGeneration) ||
      luaEquals(c.observedGeneration, generation),
  );
}

/**
 * The shared health of Envoy Gateway's policies, which report per ancestor
 * (each Gateway or route they attach to) in `status.ancestors[].conditions`.
 * Ancestors whose conditions predate the current generation are ignored.
 * Any current ancestor that did not accept the policy makes it Degraded,
 * with that condition's message; otherwise one current ancestor with
 * conditions is enough for Healthy.
 */
function envoyPolicyHealth(obj: KubeObject, kind: string): ResourceHealth {
  const generation = at(obj, 'metadata', 'generation');
  const current = luaItems(at(obj, 'status', 'ancestors'))
    .map(ancestor => luaItems(record(ancestor).conditions).map(record))
    .filter(conditions => ancestorObserved(generation, conditions));
  for (const conditions of current) {
    const rejected = conditions.find(
      c => c.type === 'Accepted' && c.status === 'False',
    );
    if (rejected) return withMessage('Degraded', rejected.message);
  }
  if (current.some(conditions => conditions.length > 0)) {
    return { status: 'Healthy', message: `${kind} is healthy` };
  }
  return { status: 'Progressing', message: `Waiting for ${kind} status` };
}

/** Envoy Gateway `BackendTrafficPolicy` health from its ancestors. @public */
export function backendTrafficPolicyHealth(obj: KubeObject): ResourceHealth {
  return envoyPolicyHealth(obj, 'BackendTrafficPolicy');
}

/** Envoy Gateway `ClientTrafficPolicy` health from its ancestors. @public */
export function clientTrafficPolicyHealth(obj: KubeObject): ResourceHealth {
  return envoyPolicyHealth(obj, 'ClientTrafficPolicy');
}

/** Envoy Gateway `EnvoyExtensionPolicy` health from its ancestors. @public */
export function envoyExtensionPolicyHealth(obj: KubeObject): ResourceHealth {
  return envoyPolicyHealth(obj, 'EnvoyExtensionPolicy');
}

/** Envoy Gateway `EnvoyPatchPolicy` health from its ancestors. @public */
export function envoyPatchPolicyHealth(obj: KubeObject): ResourceHealth {
  return envoyPolicyHealth(obj, 'EnvoyPatchPolicy');
}

/** Envoy Gateway `SecurityPolicy` health from its ancestors. @public */
export function securityPolicyHealth(obj: KubeObject): ResourceHealth {
  return envoyPolicyHealth(obj, 'SecurityPolicy');
}

/**
 * Envoy Gateway health checks, keyed as Argo CD's `resource_customizations`
 * folders are.
 * @public
 */
export const envoyGatewayHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'gateway.envoyproxy.io/Backend': envoyBackendHealth,
  'gateway.envoyproxy.io/BackendTrafficPolicy': backendTrafficPolicyHealth,
  'gateway.envoyproxy.io/ClientTrafficPolicy': clientTrafficPolicyHealth,
  'gateway.envoyproxy.io/EnvoyExtensionPolicy': envoyExtensionPolicyHealth,
  'gateway.envoyproxy.io/EnvoyPatchPolicy': envoyPatchPolicyHealth,
  'gateway.envoyproxy.io/SecurityPolicy': securityPolicyHealth,
};
