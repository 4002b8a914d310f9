import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import {
  configMap,
  deploymentManifest,
  rest,
  Rest,
} from '../__testUtils__/rest';

/**
 * Deletion from the Kubernetes docs "Garbage Collection", "Finalizers",
 * "Use Cascading Deletion", "Namespaces" and the dry-run section of the API
 * concepts: propagation policies, finalizers that hold an object with
 * deletionTimestamp set, dryRun=All changing nothing, namespace termination.
 */
describe('deletion', () => {
  let sim: KubeSim;
  let api: Rest;
  const cms = (ns = 'default') => `/api/v1/namespaces/${ns}/configmaps`;
  const HOLD = 'example.com/hold';

  /** An owner ConfigMap and `n` dependents that reference it. */
  const family = async (
    prefix: string,
    n: number,
    childFinalizers?: string[],
  ) => {
    const owner = await api.post(cms(), configMap(`${prefix}-owner`));
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: `${prefix}-owner`,
      uid: owner.body.metadata.uid,
      blockOwnerDeletion: true,
    };
    for (let i = 0; i < n; i++) {
      const child = configMap(`${prefix}-child-${i}`);
      child.metadata.ownerReferences = [ref];
      if (childFinalizers) child.metadata.finalizers = childFinalizers;
      expect((await api.post(cms(), child)).status).toBe(201);
    }
    return owner.body;
  };
  const exists = async (path: string) => (await api.get(path)).status === 200;
  const gone = (path: string) =>
    eventually(async () => (await api.get(path)).status === 404);

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('Background: the owner goes at once, the garbage collector deletes the dependents afterwards', async () => {
    await api.post(
      '/apis/apps/v1/namespaces/default/deployments',
      deploymentManifest('bg'),
    );
    await eventually(async () => {
      const pods = await api.get(
        '/api/v1/namespaces/default/pods?labelSelector=app%3Dbg',
      );
      return pods.body.items.length === 2;
    });
    const res = await api.del(
      '/apis/apps/v1/namespaces/default/deployments/bg',
      {
        propagationPolicy: 'Background',
      },
    );
    expect(res.status).toBe(200);
    expect(
      await exists('/apis/apps/v1/namespaces/default/deployments/bg'),
    ).toBe(false);
    await eventually(async () => {
      const rs = await api.get(
        '/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dbg',
      );
      const pods = await api.get(
        '/api/v1/namespaces/default/pods?labelSelector=app%3Dbg',
      );
      return rs.body.items.length === 0 && pods.body.items.length === 0;
    });
  });

  it('Foreground: the owner stays with deletionTimestamp and the foregroundDeletion finalizer until its blocking dependents are gone', async () => {
    await family('fg', 2, [HOLD]);
    const w = api.watch(
      `${cms()}?watch=1&resourceVersion=${
        (await api.get(cms())).body.metadata.resourceVersion
      }`,
    );
    try {
      const res = await api.del(
        `${cms()}/fg-owner?propagationPolicy=Foreground`,
      );
      expect([200, 202]).toContain(res.status);
      expect(res.body.metadata.deletionTimestamp).toBeDefined();
      expect(res.body.metadata.finalizers).toContain('foregroundDeletion');
      // the dependents are being deleted, held by their own finalizer
      const terminating = (name: string) =>
        eventually(async () => {
          const c = await api.get(`${cms()}/${name}`);
          return c.body.metadata.deletionTimestamp ? c.body : undefined;
        });
      for (const child of [
        await terminating('fg-child-0'),
        await terminating('fg-child-1'),
      ])
        expect(child.metadata.finalizers).toEqual([HOLD]);
      const owner = await api.get(`${cms()}/fg-owner`);
      expect(owner.status).toBe(200);
      expect(owner.body.metadata.finalizers).toContain('foregroundDeletion');
      for (const i of [0, 1]) {
        const r = await api.patch(
          `${cms()}/fg-child-${i}`,
          'application/merge-patch+json',
          {
            metadata: { finalizers: null },
          },
        );
        expect(r.status).toBe(200);
      }
      await gone(`${cms()}/fg-owner`);
      const deletions = (
        await w.until(e => e.filter(x => x.type === 'DELETED').length >= 3)
      )
        .filter(e => e.type === 'DELETED')
        .map(e => e.object.metadata.name);
      expect(deletions[2]).toBe('fg-owner');
    } finally {
      w.close();
    }
  });

  it('Orphan: the owner goes, the dependents stay and lose their ownerReference', async () => {
    const owner = await family('orph', 2);
    const res = await api.del(`${cms()}/orph-owner`, {
      propagationPolicy: 'Orphan',
    });
    expect([200, 202]).toContain(res.status);
    await gone(`${cms()}/orph-owner`);
    const released = (name: string) =>
      eventually(async () => {
        const c = await api.get(`${cms()}/${name}`);
        return !c.body.metadata.ownerReferences ? c.body : undefined;
      });
    for (const child of [
      await released('orph-child-0'),
      await released('orph-child-1'),
    ])
      expect(JSON.stringify(child)).not.toContain(owner.metadata.uid);
    await new Promise(r => setTimeout(r, 50));
    expect(await exists(`${cms()}/orph-child-0`)).toBe(true);
  });

  it('a finalizer holds the object with deletionTimestamp set until it is removed; no new finalizer may be added meanwhile', async () => {
    const cm = configMap('held');
    cm.metadata.finalizers = [HOLD];
    await api.post(cms(), cm);
    const res = await api.del(`${cms()}/held`);
    expect([200, 202]).toContain(res.status);
    const held = await api.get(`${cms()}/held`);
    expect(held.status).toBe(200);
    expect(held.body.metadata.deletionTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(held.body.metadata.finalizers).toEqual([HOLD]);
    // a second delete changes nothing
    await api.del(`${cms()}/held`);
    const again = await api.get(`${cms()}/held`);
    expect(again.body.metadata.deletionTimestamp).toBe(
      held.body.metadata.deletionTimestamp,
    );
    const added = await api.patch(
      `${cms()}/held`,
      'application/merge-patch+json',
      {
        metadata: { finalizers: [HOLD, 'example.com/other'] },
      },
    );
    expect(added.status).toBe(422);
    const removed = await api.patch(
      `${cms()}/held`,
      'application/json-patch+json',
      [{ op: 'remove', path: '/metadata/finalizers' }],
    );
    expect(removed.status).toBe(200);
    expect((await api.get(`${cms()}/held`)).status).toBe(404);
  });

  it('dryRun=All validates and answers but stores nothing', async () => {
    const created = await api.post(`${cms()}?dryRun=All`, configMap('dry'));
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toBeDefined();
    expect(await exists(`${cms()}/dry`)).toBe(false);

    const real = await api.post(cms(), configMap('dry'));
    const rv = real.body.metadata.resourceVersion;
    const patched = await api.patch(
      `${cms()}/dry?dryRun=All`,
      'application/merge-patch+json',
      {
        data: { key: 'dry-changed' },
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.data).toEqual({ key: 'dry-changed' });
    const put = await api.put(`${cms()}/dry?dryRun=All`, {
      ...real.body,
      data: { x: '1' },
    });
    expect(put.status).toBe(200);
    const deleted = await api.del(`${cms()}/dry?dryRun=All`);
    expect(deleted.status).toBe(200);
    const after = await api.get(`${cms()}/dry`);
    expect(after.status).toBe(200);
    expect(after.body.metadata.resourceVersion).toBe(rv);
    expect(after.body.data).toEqual({ key: 'dry' });
    expect(after.body.metadata.deletionTimestamp).toBeUndefined();
    expect((await api.get(`${cms()}?dryRun=bogus`)).status).toBe(200);
    expect(
      (await api.post(`${cms()}?dryRun=Some`, configMap('dry2'))).status,
    ).toBe(400);
  });

  it('deleting a namespace marks it Terminating, deletes its contents, refuses new content, then removes it', async () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'doomed' },
    };
    const created = await api.post('/api/v1/namespaces', ns);
    expect(created.body.status).toEqual({ phase: 'Active' });
    expect(created.body.spec).toEqual({ finalizers: ['kubernetes'] });
    await api.post(cms('doomed'), configMap('plain', 'doomed'));
    const held = configMap('held', 'doomed');
    held.metadata.finalizers = [HOLD];
    await api.post(cms('doomed'), held);
    await api.post(
      '/apis/apps/v1/namespaces/doomed/deployments',
      deploymentManifest('app', { namespace: 'doomed' }),
    );

    const res = await api.del('/api/v1/namespaces/doomed');
    expect([200, 202]).toContain(res.status);
    const terminating = await api.get('/api/v1/namespaces/doomed');
    expect(terminating.body.status.phase).toBe('Terminating');
    expect(terminating.body.metadata.deletionTimestamp).toBeDefined();
    const refused = await api.post(cms('doomed'), configMap('late', 'doomed'));
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('Forbidden');

    await gone(`${cms('doomed')}/plain`);
    await gone('/apis/apps/v1/namespaces/doomed/deployments/app');
    expect((await api.get('/api/v1/namespaces/doomed')).body.status.phase).toBe(
      'Terminating',
    );
    await api.patch(`${cms('doomed')}/held`, 'application/merge-patch+json', {
      metadata: { finalizers: null },
    });
    await gone('/api/v1/namespaces/doomed');
    const pods = await api.get('/api/v1/namespaces/doomed/pods');
    expect(pods.body.items ?? []).toEqual([]);
  });
});
