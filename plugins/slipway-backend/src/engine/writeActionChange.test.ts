import { MemoryClusterClient } from './cluster';
import { writeActionChange } from './writeActionChange';

const rolloutType = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  plural: 'rollouts',
  namespaced: true,
};

const identity = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web', namespace: 'shop' },
};

describe('writeActionChange', () => {
  it('merge-patches the object, null removing a field, status with the rest where there is no status subresource', async () => {
    const client = new MemoryClusterClient();
    client.addType(rolloutType);
    client.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    client.put({
      ...identity,
      spec: { replicas: 2, paused: true },
      status: { abort: true, currentStepIndex: 1 },
    });
    const written = await writeActionChange(
      client,
      {
        operation: 'mergePatch',
        object: identity,
        patch: { spec: { paused: false }, status: { abort: null } },
      },
      'slipway-action',
    );
    expect(written.spec).toEqual({ replicas: 2, paused: false });
    expect(written.status).toEqual({ currentStepIndex: 1 });
    expect(client.calls.map(c => c.verb)).toEqual(['patch']);
  });

  it('refuses to patch what is not there, rather than creating it', async () => {
    const client = new MemoryClusterClient();
    client.addType(rolloutType);
    client.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    await expect(
      writeActionChange(
        client,
        {
          operation: 'mergePatch',
          object: identity,
          patch: { spec: { paused: true } },
        },
        'slipway-action',
      ),
    ).rejects.toMatchObject({ code: 404, reason: 'NotFound' });
    expect(client.all().filter(o => o.kind === 'Rollout')).toEqual([]);
  });
});
