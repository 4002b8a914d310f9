import { stringify } from 'yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';

/**
 * A manifest as YAML for reading. Managed fields are left out: they are
 * bookkeeping of server-side apply, often longer than the object itself.
 * Values are shown as the backend sent them; Secret data arrives masked
 * and stays so.
 */
export function manifestYaml(object: KubeObject): string {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  return stringify({ ...object, metadata }, { lineWidth: 0 });
}
