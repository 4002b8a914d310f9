/*
 * A replica that stops in the middle of a sync: the operation is taken over
 * after a restart on the same database and ends in a consistent state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import { DatabaseSlipwayStore } from '../store';
import { applicationEntity, eventually, kubeClient, startSlipway } from './__testUtils__/backendHarness';
import { configMapYaml, slowDeploymentYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

const config = (color: string, wave: number) => configMapYaml('slow-config', color, wave);
const deployment = slowDeploymentYaml('slow', 'acme/slow:1.0.0');

describe('stopping the plugin in the middle of a sync', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let git: GitTestServer;
  let sim: KubeSim;
  let workDir: string;

  beforeAll(async () => {
    git = await GitTestServer.start();
    // pods become ready only after 3 s: the sync waits in wave 0 for the Deployment
    sim = await startKubeSim({ podReadyDelayMs: 3000 });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-restart-'));
  });

  afterAll(async () => {
    await sim?.stop();
    await git?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('takes the operation over after a restart and finishes it, with the history intact', async () => {
    const repoURL = (await git.createRepo('slow', { 'app/config.yaml': config('one', 0) })).url;
    const knex = await databases.init('SQLITE_3');
    const entities = [applicationEntity('slow', { repoURL, path: 'app', namespace: 'slow', automated: { prune: true } })];
    const ref = 'application:default/slow';
    const kube = kubeClient(sim);

    const first = await startSlipway({ knex, sim, workDir, entities });
    const store = await DatabaseSlipwayStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
    await eventually(async () => (await store.listHistory(ref)).length === 1, 'the first deployment');
    const rev1 = await git.headOf('slow');

    const rev2 = await git.commit('slow', { 'app/config.yaml': config('two', 1), 'app/deployment.yaml': deployment }, { message: 'slow rollout' });
    const running = await eventually(async () => {
      const [op] = (await store.listOperations(ref)).items;
      if (!op || op.phase !== 'Running') return undefined;
      const events = (await store.listEvents(op.id)).items;
      return events.some(e => e.resourceKey === 'apps/Deployment/slow/slow') && op;
    }, 'the second sync to apply wave 0');

    await first.stop();
    const stopped = await store.getOperation(running.id);
    expect(stopped).toMatchObject({ phase: 'Running', attempts: 1 });
    expect((await kube.configMap('slow', 'slow-config')).data.color).toBe('one'); // wave 1 not reached

    const second = await startSlipway({ knex, sim, workDir, entities });
    try {
      const finished = await eventually(async () => {
        const op = await store.getOperation(running.id);
        return op && ['Succeeded', 'Failed', 'Error', 'Terminated'].includes(op.phase) && op;
      }, 'the operation to finish on the restarted plugin', 60_000);
      expect(finished).toMatchObject({ phase: 'Succeeded', attempts: 2 });
      expect((await kube.configMap('slow', 'slow-config')).data.color).toBe('two');
      expect(await kube.deployment('slow', 'slow')).toBeDefined();
      const history = await store.listHistory(ref);
      expect(history.map(h => [h.revision, h.operationId])).toEqual([
        [rev2, running.id],
        [rev1, expect.any(String)],
      ]);
      const status = await eventually(async () => {
        const s = await store.getApplicationStatus(ref);
        return s?.syncStatus === 'Synced' && s.healthStatus === 'Healthy' && s;
      }, 'the application to be Synced and Healthy');
      expect(status.revision).toBe(rev2);
      expect((await store.listOperations(ref)).items.filter(o => o.phase === 'Running' || o.phase === 'Queued')).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
