import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil } from '../fields';
import { luaEquals } from './luaValues';
import {
  conditionsVerdict,
  entries,
  grpcRouteHealth,
  httpRouteHealth,
  isStale,
  tlsRouteHealth,
  type RawEntry,
} from './GatewayApiRouteHealth';
import { luaText, scriptFailure, textOr } from './luaValues';

/**
 * Gateway API `Gateway` health: the Gateway's own conditions first (a False
 * ResolvedRefs or Accepted is Degraded, a Programmed not yet True is
 * Progressing), then each listener's, quoted as "Listener: <message>".
 * Healthy once the controller reported conditions or listeners.
 * @public
 */
export function gatewayHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const conditions = at(status, 'conditions');
  const listeners = entries(at(status, 'listeners'));
  if (!isNil(status)) {
    if (!isNil(conditions)) {
      const verdict = conditionsVerdict(
        entries(conditions),
        'Gateway is still being programmed',
      );
      if (verdict) return verdict;
    }
    for (const listener of listeners) {
      if (isNil(listener.conditions)) continue;
      const verdict = conditionsVerdict(
        entries(listener.conditions),
        'Listener is still being programmed',
      );
      if (verdict) {
        return {
          status: verdict.status,
          message: `Listener: ${verdict.message}`,
        };
      }
    }
    if (!isNil(conditions) || listeners.length > 0) {
      return { status: 'Healthy', message: 'Gateway is healthy' };
    }
  }
  return { status: 'Progressing', message: 'Waiting for Gateway status' };
}

/**
 * Gateway API `GatewayClass` health from the first `Accepted` condition that
 * describes the current generation: True is Healthy, False Degraded, any
 * other status Progressing, each with the condition's message (or a default
 * one). A stale or missing condition means the controller has not answered.
 * @public
 */
export function gatewayClassHealth(obj: KubeObject): ResourceHealth {
  const generation = at(obj, 'metadata', 'generation');
  const accepted = entries(at(obj, 'status', 'conditions')).find(
    c =>
      c.type === 'Accepted' && (isNil(generation) || !isStale(c, generation)),
  );
  if (accepted?.status === 'True') {
    return {
      status: 'Healthy',
      message: textOr(accepted.message, 'GatewayClass is accepted'),
    };
  }
  if (accepted?.status === 'False') {
    return {
      status: 'Degraded',
      message: textOr(accepted.message, 'GatewayClass is not accepted'),
    };
  }
  const waiting = 'Waiting for GatewayClass status';
  return {
    status: 'Progressing',
    message: accepted ? textOr(accepted.message, waiting) : waiting,
  };
}

/**
 * A ListenerSet condition that fails it, quoted as the controller wrote it.
 * Upstream's fallback for a missing message names an undefined variable, so
 * Argo CD's script stops there.
 */
function failedWith(condition: RawEntry, prefix: string): ResourceHealth {
  const text = luaText(condition.message);
  if (text === undefined) {
    return scriptFailure(
      `the failed ${condition.type} condition has no message`,
    );
  }
  return { status: 'Degraded', message: `${prefix}${text}` };
}

/**
 * Walks one listener's conditions in order: a False ResolvedRefs, a True
 * Conflicted or a False Accepted is Degraded at once; a Programmed not yet
 * True is Progressing unless a later condition fails it. The last
 * unprogrammed condition's message wins.
 */
function listenerVerdict(
  conditions: readonly RawEntry[],
): ResourceHealth | undefined {
  let programming: ResourceHealth | undefined;
  for (const c of conditions) {
    if (c.type === 'ResolvedRefs' && c.status === 'False') {
      return failedWith(c, 'Listener: ');
    }
    if (c.type === 'Conflicted' && c.status === 'True') {
      return {
        status: 'Degraded',
        message: `Listener: ${textOr(c.message, 'Listener is conflicted')}`,
      };
    }
    if (c.type === 'Accepted' && c.status === 'False') {
      return failedWith(c, 'Listener: ');
    }
    if (c.type === 'Programmed' && c.status !== 'True') {
      programming = {
        status: 'Progressing',
        message: `Listener: ${textOr(
          c.message,
          'Listener is still being programmed',
        )}`,
      };
    }
  }
  return programming;
}

/**
 * Gateway API `ListenerSet` health. A status about an older generation is
 * not trusted. Its own conditions come first (Accepted False is Degraded,
 * Programmed not True Progressing), then each listener's; Healthy once at
 * least one listener is reported and none is failing or being programmed.
 * @public
 */
export function listenerSetHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for ListenerSet status',
  };
  const status = at(obj, 'status');
  if (isNil(status)) return waiting;
  // Upstream loops over the conditions without checking they exist.
  if (isNil(at(status, 'conditions'))) {
    return scriptFailure('the ListenerSet status has no conditions');
  }
  const conditions = entries(at(status, 'conditions'));
  const generation = at(obj, 'metadata', 'generation');
  if (!isNil(generation) && conditions.some(c => isStale(c, generation))) {
    return waiting;
  }
  let programming: ResourceHealth | undefined;
  for (const c of conditions) {
    if (c.type === 'Accepted' && c.status === 'False') return failedWith(c, '');
    if (c.type === 'Programmed' && c.status !== 'True') {
      programming = {
        status: 'Progressing',
        message: textOr(c.message, 'ListenerSet is still being programmed'),
      };
    }
  }
  if (programming) return programming;
  const listeners = entries(at(status, 'listeners'));
  if (listeners.length === 0) return waiting;
  for (const listener of listeners) {
    if (isNil(listener.conditions)) continue;
    const verdict = listenerVerdict(entries(listener.conditions));
    if (verdict) return verdict;
  }
  return { status: 'Healthy', message: 'ListenerSet is healthy' };
}

/** The first `Accepted` condition of a BackendTLSPolicy ancestor entry. */
const acceptedOf = (ancestor: RawEntry) =>
  entries(ancestor.conditions).find(c => c.type === 'Accepted');

/**
 * An ancestor entry rejecting the policy because it cannot find the target.
 * Every implementation in the cluster writes its own entry, so this is
 * ambiguous: it may come from a controller that never owned the target.
 */
function isTargetNotFound(ancestor: RawEntry): boolean {
  const accepted = acceptedOf(ancestor);
  return (
    accepted !== undefined &&
    accepted.status !== 'True' &&
    accepted.reason === 'TargetNotFound'
  );
}

/** Whether a controller other than `controllerName` accepted the policy. */
const acceptedElsewhere = (
  ancestors: readonly RawEntry[],
  controllerName: unknown,
) =>
  ancestors.some(
    a =>
      !luaEquals(a.controllerName, controllerName) &&
      acceptedOf(a)?.status === 'True',
  );

/**
 * "Ancestor <name>: <text>" for an entry; Argo CD's script stops when the
 * entry has no ancestorRef or the text is missing.
 */
function ancestorMessage(
  ancestor: RawEntry,
  text: unknown,
): string | undefined {
  const message = luaText(text);
  if (isNil(ancestor.ancestorRef) || message === undefined) return undefined;
  return `Ancestor ${textOr(
    at(ancestor, 'ancestorRef', 'name'),
    '',
  )}: ${message}`;
}

/** Degraded by an ancestor's failing condition. */
function ancestorFailure(
  ancestor: RawEntry,
  condition: RawEntry,
): ResourceHealth {
  const message = ancestorMessage(ancestor, condition.message);
  return message === undefined
    ? scriptFailure(
        'a failing ancestor condition has no ancestorRef or message',
      )
    : { status: 'Degraded', message };
}

/**
 * Gateway API `BackendTLSPolicy` health from `status.ancestors`. Any stale
 * entry means waiting for that ancestor. Then an Accepted or ResolvedRefs
 * that is not True degrades it, and an Accepted True makes it Healthy;
 * TargetNotFound rejections are weighed last and only degrade it when no
 * other controller accepted the policy.
 * @public
 */
export function backendTLSPolicyHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for BackendTLSPolicy status',
  };
  if (isNil(at(obj, 'status', 'ancestors'))) return waiting;
  const ancestors = entries(at(obj, 'status', 'ancestors'));
  const generation = at(obj, 'metadata', 'generation');
  if (!isNil(generation)) {
    const behind = ancestors.find(a =>
      entries(a.conditions).some(c => isStale(c, generation)),
    );
    if (behind) {
      if (isNil(behind.ancestorRef)) {
        return scriptFailure('a stale ancestor entry has no ancestorRef');
      }
      const name = textOr(at(behind, 'ancestorRef', 'name'), '');
      return {
        status: 'Progressing',
        message: `Waiting for Ancestor ${name} to update BackendTLSPolicy status`,
      };
    }
  }
  let health = waiting;
  for (const ancestor of ancestors) {
    if (isNil(ancestor.conditions) || isTargetNotFound(ancestor)) continue;
    for (const c of entries(ancestor.conditions)) {
      if (c.type === 'Accepted' && c.status !== 'True') {
        return ancestorFailure(ancestor, c);
      }
      if (c.type === 'Accepted') {
        health = { status: 'Healthy', message: 'BackendTLSPolicy is healthy' };
      }
      if (c.type === 'ResolvedRefs' && c.status !== 'True') {
        return ancestorFailure(ancestor, c);
      }
    }
  }
  const rejected = ancestors.find(
    a => isTargetNotFound(a) && !acceptedElsewhere(ancestors, a.controllerName),
  );
  return rejected ? ancestorFailure(rejected, acceptedOf(rejected)!) : health;
}

/**
 * Argo CD's bundled checks for the Gateway API (`gateway.networking.k8s.io`),
 * keyed as its resource_customizations folders are named.
 * @public
 */
export const gatewayApiHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'gateway.networking.k8s.io/Gateway': gatewayHealth,
  'gateway.networking.k8s.io/GatewayClass': gatewayClassHealth,
  'gateway.networking.k8s.io/HTTPRoute': httpRouteHealth,
  'gateway.networking.k8s.io/GRPCRoute': grpcRouteHealth,
  'gateway.networking.k8s.io/TLSRoute': tlsRouteHealth,
  'gateway.networking.k8s.io/ListenerSet': listenerSetHealth,
  'gateway.networking.k8s.io/BackendTLSPolicy': backendTLSPolicyHealth,
};
