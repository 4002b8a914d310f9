import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceActionChange } from './resourceActions';

/** One of Argo CD's built-in actions of a kind. */
export interface BuiltinAction {
  name: string;
  /** Why the action does not apply to the object now; undefined when it does. */
  disabled?(obj: KubeObject): string | undefined;
  run(obj: KubeObject, now: Date): ResourceActionChange[];
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

/** Go's time layout `2006-01-02T15:04:05Z` in UTC, as Argo CD's `os.date("!%Y-%m-%dT%XZ")` writes it. */
export function restartedAt(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}
