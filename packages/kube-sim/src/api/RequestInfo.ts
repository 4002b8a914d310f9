import { TypeRegistry } from '../types/TypeRegistry';
import { ResourceType } from '../types/ResourceType';

/** What a resource URL addresses. */
export interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** `/watch/` path prefix (deprecated form of `?watch=true`). */
  watchPath: boolean;
}

export type ParsedPath =
  | { kind: 'resource'; req: ResourceRequest }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'unknownResource'; group: string; version: string; plural: string };

/**
 * Parses `/api/v1/...` and `/apis/{group}/{version}/...` resource paths.
 * Returns undefined for paths that are not resource paths.
 */
export function parseResourcePath(
  types: TypeRegistry,
  path: string,
): ParsedPath | undefined {
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return undefined;
  }
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = types.lookup(group, version, rest[2]);
    if (t && t.namespaced) {
      return {
        kind: 'resource',
        req: {
          type: t,
          namespace: rest[1],
          name: rest[3],
          subresource: rest[4],
          watchPath,
        },
      };
    }
  }
  const t = types.lookup(group, version, rest[0]);
  if (!t) return { kind: 'unknownResource', group, version, plural: rest[0] };
  return {
    kind: 'resource',
    req: { type: t, name: rest[1], subresource: rest[2], watchPath },
  };
}
