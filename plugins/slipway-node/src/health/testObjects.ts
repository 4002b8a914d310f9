import type { KubeObject } from '@slipway/plugin-slipway-common';

/** Builds a test object of a kind with the given spec/status and metadata. */
export function kube(
  apiVersion: string,
  kind: string,
  body: Record<string, unknown> = {},
  metadata: KubeObject['metadata'] = {},
): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', ...metadata }, ...body };
}
