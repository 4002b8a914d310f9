import type { ResourceKey } from '@slipway/plugin-slipway-common';
import type { DeletionPlan } from '@slipway/plugin-slipway-node';
import { ConflictError } from '@backstage/errors';
import {
  ClusterClient,
  describeRef,
  objectRefOf,
} from './cluster/ClusterClient';

/** Options of {@link deleteInWaves}. */
export interface DeleteInWavesOptions {
  /** How long a wave may take to be gone before the next (default 2 min). */
  waveTimeoutMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Deletes a cascade delete's objects in the plan's order, as Argo CD does:
 * one sync wave after the other (highest first), each wave gone before the
 * next starts. `deleted` lists what was deleted, also when it stops: a
 * wave still there after the timeout stops it with an error naming it.
 */
export async function deleteInWaves(
  client: Pick<ClusterClient, 'delete' | 'get'>,
  items: DeletionPlan['delete'],
  deleted: ResourceKey[],
  options: DeleteInWavesOptions = {},
): Promise<void> {
  const timeout = options.waveTimeoutMs ?? 120_000;
  const poll = options.pollMs ?? 250;
  const sleep =
    options.sleep ??
    (ms => new Promise<void>(resolve => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  for (let start = 0; start < items.length; ) {
    const wave = items[start].wave;
    let end = start;
    while (end < items.length && items[end].wave === wave) end++;
    const group = items.slice(start, end);
    for (const d of group) {
      if (
        await client.delete(objectRefOf(d.live), {
          propagationPolicy: 'Foreground',
        })
      )
        deleted.push(d.key);
    }
    start = end;
    if (start >= items.length) break;
    const waveDeleted = now();
    for (;;) {
      const left = [];
      for (const d of group)
        if (await client.get(objectRefOf(d.live))) left.push(d);
      if (left.length === 0) break;
      if (now() - waveDeleted >= timeout) {
        throw new ConflictError(
          `wave ${wave} is still being deleted after ${Math.round(
            timeout / 1000,
          )} s (${left
            .map(d => describeRef(objectRefOf(d.live)))
            .join(
              ', ',
            )}); the later waves were not deleted: delete again once it is gone`,
        );
      }
      await sleep(poll);
    }
  }
}
