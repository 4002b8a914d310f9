import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';

/**
 * Checks that an object is served at one of the API versions a health check
 * understands. Objects at other versions get `Unknown` with the reason, the
 * way Argo CD reports an unsupported group/version/kind.
 */
export function unsupportedVersion(
  obj: KubeObject,
  kind: string,
  apiVersions: readonly string[],
): ResourceHealth | undefined {
  if (apiVersions.includes(obj.apiVersion)) return undefined;
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = slash < 0 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
  return {
    status: 'Unknown',
    message: `unsupported ${kind} GVK: ${group}/${version}, Kind=${obj.kind}`,
  };
}
