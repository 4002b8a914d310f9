import type { ResourceKey } from '@slipway/plugin-slipway-common';
import type { DeletionPlan } from '@slipway/plugin-slipway-node';
import { deleteInWaves } from './deleteInWaves';
import type { ObjectRef } from './cluster/ClusterClient';

const item = (name: string, wave: number): DeletionPlan['delete'][number] => ({
  key: { group: '', kind: 'ConfigMap', namespace: 'shop', name },
  apiVersion: 'v1',
  live: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop' },
  },
  wave,
});

/** A cluster where a deleted object lingers for `lingerPolls` looks, as one with finalizers does. */
function cluster(lingerPolls: number) {
  const log: string[] = [];
  const lingering = new Map<string, number>();
  return {
    log,
    client: {
      async delete(ref: ObjectRef) {
        log.push(`delete ${ref.name}`);
        lingering.set(ref.name, lingerPolls);
        return true;
      },
      async get(ref: ObjectRef) {
        const left = lingering.get(ref.name) ?? 0;
        if (left <= 0) return undefined;
        lingering.set(ref.name, left - 1);
        log.push(`still ${ref.name}`);
        return {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ref.name },
        };
      },
    },
  };
}

const noSleep = async () => {};

describe('deleteInWaves', () => {
  it('deletes a wave and waits until it is gone before the next, as Argo CD does', async () => {
    const { client, log } = cluster(2);
    const deleted: ResourceKey[] = [];
    await deleteInWaves(
      client,
      [
        item('settings', 10),
        item('app', 5),
        item('cert', 5),
        item('operator', 0),
      ],
      deleted,
      {
        sleep: noSleep,
      },
    );
    expect(log).toEqual([
      'delete settings',
      'still settings',
      'still settings',
      'delete app',
      'delete cert',
      'still app',
      'still cert',
      'still app',
      'still cert',
      'delete operator',
    ]);
    expect(deleted.map(k => k.name)).toEqual([
      'settings',
      'app',
      'cert',
      'operator',
    ]);
  });

  it('stops with the reason when a wave is not gone in time, the later waves left', async () => {
    const { client } = cluster(1000);
    const deleted: ResourceKey[] = [];
    let clock = 0;
    await expect(
      deleteInWaves(
        client,
        [item('settings', 10), item('operator', 0)],
        deleted,
        {
          sleep: async ms => {
            clock += ms;
          },
          now: () => clock,
          waveTimeoutMs: 1000,
          pollMs: 250,
        },
      ),
    ).rejects.toThrow(
      'wave 10 is still being deleted after 1 s (ConfigMap shop/settings); the later waves were not deleted: delete again once it is gone',
    );
    expect(deleted.map(k => k.name)).toEqual(['settings']);
  });
});
