import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaEquals, luaText, scriptFailure, textOr } from './luaValues';

/*
 * Gateway API (gateway.networking.k8s.io) routes, and the pieces every
 * Gateway API check shares. Controllers report on each object through
 * conditions that name the failing part (Accepted, ResolvedRefs) or say the
 * data plane is not yet updated (Programmed). Argo CD's scripts keep the
 * controller's condition as written, so a message the controller left out
 * is told apart from an empty one: the readers here work on raw records.
 */

/** A raw condition (or any status entry) as the controller wrote it. */
export type RawEntry = Record<string, any>;

/** The entries of a list field, each a record; [] when absent. */
export const entries = (value: unknown): RawEntry[] => list(value).map(record);

/**
 * True when a condition was written for an older generation of the object:
 * it carries an `observedGeneration` that differs from `generation`.
 */
export function isStale(condition: RawEntry, generation: unknown): boolean {
  return (
    !isNil(condition.observedGeneration) &&
    !luaEquals(condition.observedGeneration, generation)
  );
}

/**
 * The verdict of one set of Gateway API conditions: a False ResolvedRefs,
 * else a False Accepted, is Degraded (its message, or "Failed condition:
 * <type>"); a Programmed that is not True is Progressing (its message, or
 * `programmingFallback`). Undefined when none of these applies.
 */
export function conditionsVerdict(
  conditions: readonly RawEntry[],
  programmingFallback: string,
): ResourceHealth | undefined {
  for (const type of ['ResolvedRefs', 'Accepted']) {
    const failed = conditions.find(
      c => c.type === type && c.status === 'False',
    );
    if (failed) {
      return {
        status: 'Degraded',
        message: textOr(failed.message, `Failed condition: ${type}`),
      };
    }
  }
  const programming = conditions.find(
    c => c.type === 'Programmed' && c.status !== 'True',
  );
  if (programming) {
    return {
      status: 'Progressing',
      message: textOr(programming.message, programmingFallback),
    };
  }
  return undefined;
}

/**
 * Whether a route's parent entry speaks about the current generation. With
 * no generation on the object every entry counts; otherwise the entry needs
 * conditions, none of them stale.
 */
function isParentCurrent(parent: RawEntry, generation: unknown): boolean {
  if (isNil(generation)) return true;
  const conditions = entries(parent.conditions);
  return conditions.length > 0 && !conditions.some(c => isStale(c, generation));
}

/** The route's parents as the controllers reported them. */
const parentsOf = (obj: KubeObject) => entries(at(obj, 'status', 'parents'));

/**
 * The shape HTTPRoute and GRPCRoute share. The first current parent with a
 * failing or unprogrammed condition decides ("Parent <name>: <message>");
 * otherwise any current parent with conditions makes the route Healthy.
 * Parents that speak about an older generation are ignored.
 */
function routeHealth(
  obj: KubeObject,
  kind: string,
  assumeHealthyWithoutParents: boolean,
): ResourceHealth {
  const generation = at(obj, 'metadata', 'generation');
  const parents = parentsOf(obj);
  for (const parent of parents) {
    if (isNil(parent.conditions) || !isParentCurrent(parent, generation)) {
      continue;
    }
    const verdict = conditionsVerdict(
      entries(parent.conditions),
      'Route is still being programmed',
    );
    if (verdict) {
      // Upstream reads the name through parentRef without a guard.
      if (isNil(parent.parentRef)) {
        return scriptFailure('a parent status has no parentRef');
      }
      const name = textOr(record(parent.parentRef).name, '');
      return {
        status: verdict.status,
        message: `Parent ${name}: ${verdict.message}`,
      };
    }
  }
  const healthyParent = parents.some(
    p => entries(p.conditions).length > 0 && isParentCurrent(p, generation),
  );
  if (healthyParent) {
    return { status: 'Healthy', message: `${kind} is healthy` };
  }
  // Some controllers never report parents on a working route; a check
  // cannot time out, so Argo CD assumes such an HTTPRoute is fine.
  if (assumeHealthyWithoutParents && parents.length === 0) {
    return {
      status: 'Healthy',
      message: `No status reported by the Gateway controller; assuming ${kind} is healthy`,
    };
  }
  return { status: 'Progressing', message: `Waiting for ${kind} status` };
}

/**
 * Gateway API `HTTPRoute` health: Degraded when a current parent rejects
 * the route or cannot resolve its backends, Progressing while it is being
 * programmed, Healthy once a current parent reports conditions; Healthy too
 * when no controller reports any parent at all.
 * @public
 */
export function httpRouteHealth(obj: KubeObject): ResourceHealth {
  return routeHealth(obj, 'HTTPRoute', true);
}

/**
 * Gateway API `GRPCRoute` health: as HTTPRoute, except that a route no
 * controller reports on stays Progressing ("Waiting for GRPCRoute status").
 * @public
 */
export function grpcRouteHealth(obj: KubeObject): ResourceHealth {
  return routeHealth(obj, 'GRPCRoute', false);
}

/** The first condition of a type, or undefined. */
const conditionOf = (conditions: readonly RawEntry[], type: string) =>
  conditions.find(c => c.type === type);

/** A failing condition's message; an empty one counts as missing here. */
function failureText(condition: RawEntry, type: string): string {
  const text = luaText(condition.message);
  return text === undefined || text === '' ? `Failed condition: ${type}` : text;
}

/**
 * Gateway API `TLSRoute` health. Over the current parents with conditions:
 * a False ResolvedRefs or Accepted is Degraded at once; else the first
 * parent still being programmed makes it Progressing; else one parent with
 * both Accepted and ResolvedRefs True makes it Healthy; else the first
 * parent missing them is Progressing ("Waiting for TLSRoute conditions").
 * @public
 */
export function tlsRouteHealth(obj: KubeObject): ResourceHealth {
  const generation = at(obj, 'metadata', 'generation');
  let programming: string | undefined;
  let waiting: string | undefined;
  let healthy = false;
  for (const parent of parentsOf(obj)) {
    const conditions = entries(parent.conditions);
    if (conditions.length === 0 || !isParentCurrent(parent, generation)) {
      continue;
    }
    const name = textOr(at(parent, 'parentRef', 'name'), '');
    const resolvedRefs = conditionOf(conditions, 'ResolvedRefs');
    const accepted = conditionOf(conditions, 'Accepted');
    const programmed = conditionOf(conditions, 'Programmed');
    if (resolvedRefs?.status === 'False') {
      return {
        status: 'Degraded',
        message: `Parent ${name}: ${failureText(resolvedRefs, 'ResolvedRefs')}`,
      };
    }
    if (accepted?.status === 'False') {
      return {
        status: 'Degraded',
        message: `Parent ${name}: ${failureText(accepted, 'Accepted')}`,
      };
    }
    if (programmed && programmed.status !== 'True') {
      programming ??= `Parent ${name}: ${textOr(
        programmed.message,
        'Route is still being programmed',
      )}`;
    } else if (accepted?.status === 'True' && resolvedRefs?.status === 'True') {
      healthy = true;
    } else {
      waiting ??= `Parent ${name}: Waiting for TLSRoute conditions`;
    }
  }
  if (programming) return { status: 'Progressing', message: programming };
  if (healthy) return { status: 'Healthy', message: 'TLSRoute is healthy' };
  if (waiting) return { status: 'Progressing', message: waiting };
  return { status: 'Progressing', message: 'Waiting for TLSRoute status' };
}
