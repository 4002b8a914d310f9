import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceActionChange } from './resourceActions';
import { at } from '../health/fields';

/**
 * The one value an action asks for (Argo CD's `hasParameters`): the user
 * sends it as the parameter named after the action, as Argo CD's UI does.
 */
export interface BuiltinActionParameter {
  /** The value the form starts with, e.g. the replicas the object has now. */
  defaultValue(obj: KubeObject): string | undefined;
  /** A value must match this (JavaScript and RE2 agree on it). */
  regexp: string;
  /** What to tell a user whose value does not match. */
  errorMessage: string;
}

/** One of Argo CD's built-in actions of a kind. */
export interface BuiltinAction {
  name: string;
  /** Why the action does not apply to the object now; undefined when it does. */
  disabled?(obj: KubeObject): string | undefined;
  /**
   * Left out of the object's actions while it does not apply, where Argo
   * CD's discovery leaves it out rather than listing it disabled. Asked for
   * anyway, it is refused with the reason {@link BuiltinAction.disabled} gives.
   */
  hiddenWhenDisabled?: boolean;
  parameter?: BuiltinActionParameter;
  /** `params`: the values sent, by name, already checked against {@link BuiltinAction.parameter}. */
  run(
    obj: KubeObject,
    now: Date,
    params: Readonly<Record<string, string>>,
  ): ResourceActionChange[];
}

/** The object's identity, for a patch that writes only the fields after it. */
export function identity(obj: KubeObject): Pick<
  KubeObject,
  'apiVersion' | 'kind'
> & {
  metadata: { name?: string; namespace?: string };
} {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: {
      name: obj.metadata.name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    },
  };
}

/** `os.date("!%Y%m%d%H%M")`: the UTC minute as digits, e.g. `202612071605`, as Argo CD names what an action creates. */
export function minuteStamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** Go's time layout `2006-01-02T15:04:05Z` in UTC, as Argo CD's `os.date("!%Y-%m-%dT%XZ")` writes it. */
export function restartedAt(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** The object as messages name it: `Kind namespace/name`. */
export function describeObject(obj: KubeObject): string {
  return `${obj.kind} ${
    obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''
  }${obj.metadata.name}`;
}

/** One JSON merge patch of the object: Argo CD's way of writing what an action script returns. */
export function mergePatch(
  obj: KubeObject,
  patch: Record<string, unknown>,
): ResourceActionChange[] {
  return [{ operation: 'mergePatch', object: identity(obj), patch }];
}

/** `spec.suspend` as Argo CD's scripts test it in Lua: anything but nil and false suspends. */
export function suspendedBySpec(obj: KubeObject): boolean {
  const suspend = at(obj, 'spec', 'suspend');
  return suspend !== undefined && suspend !== null && suspend !== false;
}
