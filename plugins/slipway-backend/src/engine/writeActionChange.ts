import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceActionChange } from '@slipway/plugin-slipway-node';
import { objectRefOf, type ClusterClient } from './cluster';

/**
 * Writes one change of a resource action. A server-side apply and a create
 * go as they are. A merge patch that changes `status` sends that part to
 * the status subresource when the resource has one, since the API server
 * drops status changes made through the object itself there (as Argo CD
 * patches actions of Argo Rollouts); the rest is patched on the object.
 */
export async function writeActionChange(
  client: ClusterClient,
  change: ResourceActionChange,
  fieldManager: string,
): Promise<KubeObject> {
  if (change.operation === 'create') return client.create(change.object);
  if (change.operation === 'patch') {
    return client.apply(change.object, { fieldManager, force: true });
  }
  const ref = objectRefOf(change.object);
  const { status, ...rest } = change.patch;
  const statusSubresource =
    status !== undefined &&
    Boolean(
      (
        await client.resourceFor(ref.apiVersion, ref.kind)
      )?.subresources?.includes('status'),
    );
  const onObject = statusSubresource ? rest : change.patch;
  let written: KubeObject | undefined;
  if (Object.keys(onObject).length > 0) {
    written = await client.mergePatch(ref, onObject, { fieldManager });
  }
  if (statusSubresource) {
    written = await client.mergePatch(
      ref,
      { status },
      { fieldManager, subresource: 'status' },
    );
  }
  return written ?? (await client.get(ref)) ?? change.object;
}
