/*
 * The plugin end to end: a catalog with Application entities, a real Git
 * smart-HTTP server, kube-sim as the cluster and a real SQLite database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import type { Knex } from 'knex';
import { DatabaseSlipwayStore } from '../store';
import { applicationEntity, eventually, kubeClient, startSlipway } from './__testUtils__/backendHarness';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);


describe('the Slipway plugin reconciling Application entities', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let git: GitTestServer;
  let sim: KubeSim;
  let knex: Knex;
  let store: DatabaseSlipwayStore;
  let backend: Awaited<ReturnType<typeof startSlipway>>;
  let workDir: string;
  let repoURL: string;
  const kube = () => kubeClient(sim);

  beforeAll(async () => {
    git = await GitTestServer.start();
    repoURL = (
      await git.createRepo('gitops', {
        'auto/config.yaml': configMapYaml('auto-config', 'blue'),
        'manual/config.yaml': configMapYaml('manual-config', 'v1'),
        'fenced/config.yaml': configMapYaml('fenced-config', 'red'),
        'frozen/config.yaml': configMapYaml('frozen-config', 'ice'),
      })
    ).url;
    sim = await startKubeSim({ podReadyDelayMs: 0 });
    knex = await databases.init('SQLITE_3');
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-plugin-'));
    backend = await startSlipway({
      knex,
      sim,
      workDir,
      entities: [
        applicationEntity('web-auto', { repoURL, path: 'auto', namespace: 'web-auto', automated: { prune: true, selfHeal: true } }),
        applicationEntity('web-manual', { repoURL, path: 'manual', namespace: 'web-manual' }),
        applicationEntity('web-fenced', { repoURL, path: 'fenced', namespace: 'forbidden-ns', project: 'fenced', automated: {} }),
        applicationEntity('web-frozen', { repoURL, path: 'frozen', namespace: 'web-frozen', project: 'frozen', automated: {} }),
      ],
      slipway: {
        projects: [
          { name: 'fenced', sourceRepos: ['*'], destinations: [{ name: 'sim', namespace: 'allowed-*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
          {
            name: 'frozen',
            sourceRepos: ['*'],
            destinations: [{ name: '*', namespace: '*' }],
            clusterResourceWhitelist: [{ group: '*', kind: '*' }],
            syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'] }],
          },
        ],
      },
    });
    store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
    await git?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const status = (name: string) => store.getApplicationStatus(`application:default/${name}`);
  const operations = async (name: string) => (await store.listOperations(`application:default/${name}`)).items;

  it('syncs an automated Application that appears in the catalog, and stores Synced and Healthy', async () => {
    const synced = await eventually(async () => {
      const s = await status('web-auto');
      return s?.syncStatus === 'Synced' && s.healthStatus === 'Healthy' && s;
    }, 'web-auto to be Synced and Healthy');
    expect(synced).toMatchObject({
      componentRef: 'component:default/web',
      environment: 'test',
      cluster: 'sim',
      namespace: 'web-auto',
      project: 'default',
      revision: await git.headOf('gitops'),
    });
    expect(synced.resources).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'ConfigMap', name: 'auto-config', status: 'Synced', managed: true })]),
    );
    expect((await kube().configMap('web-auto', 'auto-config')).data).toEqual({ color: 'blue' });
    const [op] = await operations('web-auto');
    expect(op).toMatchObject({ kind: 'sync', initiator: 'automated', phase: 'Succeeded' });
    const history = await store.listHistory('application:default/web-auto');
    expect(history).toEqual([expect.objectContaining({ initiator: 'automated', revision: await git.headOf('gitops'), operationId: op.id })]);
    const events = await store.listEvents(op.id);
    expect(events.items.map(e => e.resourceKey)).toContain('/ConfigMap/web-auto/auto-config');
  });

  it('reverts a manual change in the cluster when selfHeal is on', async () => {
    await eventually(async () => (await status('web-auto'))?.syncStatus === 'Synced', 'web-auto to be Synced');
    await kube().patchConfigMap('web-auto', 'auto-config', { data: { color: 'hand-edited' } });
    await eventually(async () => (await kube().configMap('web-auto', 'auto-config')).data.color === 'blue', 'the drift to be reverted');
    const ops = await operations('web-auto');
    expect(ops[0]).toMatchObject({ initiator: 'automated', phase: 'Succeeded' });
    expect(ops[0].request.resources).toEqual([{ group: '', kind: 'ConfigMap', namespace: 'web-auto', name: 'auto-config' }]);
  });

  it('leaves an Application without automated sync OutOfSync, and rolls back to a previous revision', async () => {
    const ref = 'application:default/web-manual';
    await eventually(async () => (await status('web-manual'))?.syncStatus === 'OutOfSync', 'web-manual to be compared');
    expect(await operations('web-manual')).toEqual([]);
    expect(await kube().configMap('web-manual', 'manual-config')).toBeUndefined();

    const runSync = async (request: object, kind: 'sync' | 'rollback' = 'sync') => {
      const result = await store.enqueue({ applicationRef: ref, kind, request, initiator: 'user:default/ada' });
      if (result.status !== 'created') throw new Error('expected a new operation');
      return eventually(async () => {
        const op = await store.getOperation(result.operation.id);
        return op && ['Succeeded', 'Failed', 'Error'].includes(op.phase) && op;
      }, `operation ${result.operation.id} to end`);
    };

    const first = await runSync({});
    expect(first.phase).toBe('Succeeded');
    const v1 = await git.headOf('gitops');
    await git.commit('gitops', { 'manual/config.yaml': configMapYaml('manual-config', 'v2') }, { message: 'v2' });
    const second = await runSync({});
    expect(second.phase).toBe('Succeeded');
    expect((await kube().configMap('web-manual', 'manual-config')).data.color).toBe('v2');

    const history = await store.listHistory(ref);
    expect(history.map(h => h.revision)).toEqual([await git.headOf('gitops'), v1]);
    const rollback = await runSync({ historyId: history[1].id }, 'rollback');
    expect(rollback).toMatchObject({ kind: 'rollback', phase: 'Succeeded' });
    expect((await kube().configMap('web-manual', 'manual-config')).data.color).toBe('v1');
    expect((await store.listHistory(ref))[0]).toMatchObject({ revision: v1, operationId: rollback.id });
    await eventually(async () => (await status('web-manual'))?.syncStatus === 'OutOfSync', 'web-manual to differ from Git after the rollback');
  });

  it('gives an Application whose project forbids its destination a condition, and applies nothing', async () => {
    const fenced = await eventually(async () => {
      const current = await status('web-fenced');
      return current?.conditions.length ? current : undefined;
    }, 'a condition');
    expect(fenced.conditions).toEqual([
      expect.objectContaining({ type: 'InvalidSpecError', message: expect.stringContaining("namespace 'forbidden-ns' is not permitted in project 'fenced'") }),
    ]);
    await new Promise(r => setTimeout(r, 2000)); // a few refresh cycles
    expect(await operations('web-fenced')).toEqual([]);
    expect(await kube().configMap('forbidden-ns', 'fenced-config')).toBeUndefined();
  });

  it('does not sync automatically while a deny sync window is active', async () => {
    await eventually(async () => (await status('web-frozen'))?.syncStatus === 'OutOfSync', 'web-frozen to be compared');
    await new Promise(r => setTimeout(r, 2000));
    expect(await operations('web-frozen')).toEqual([]);
    expect(await kube().configMap('web-frozen', 'frozen-config')).toBeUndefined();
  });
});
