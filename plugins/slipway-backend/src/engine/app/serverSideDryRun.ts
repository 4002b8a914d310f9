import {
  KubeObject,
  SLIPWAY_FIELD_MANAGER,
} from '@slipway/plugin-slipway-common';
import type { ClusterClient } from '../cluster/ClusterClient';

/**
 * What the API server would store if Slipway applied the object now: a
 * server-side-apply dry run as Slipway's field manager, with the force a
 * sync uses. Argo CD's server-side diff compares the live object with it.
 */
export function serverSideDryRun(
  client: ClusterClient,
): (desired: KubeObject) => Promise<KubeObject> {
  return desired =>
    client.apply(desired, {
      fieldManager: SLIPWAY_FIELD_MANAGER,
      force: true,
      dryRun: true,
    });
}
