import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import { DatabaseSlipwayStore } from '../../store';
import { startSlipway } from './backendHarness';

/** A running plugin with its Git server (one `gitops` repository), kube-sim and store. */
export interface PluginWorld {
  git: GitTestServer;
  sim: KubeSim;
  store: DatabaseSlipwayStore;
  repoURL: string;
  /** The test backend's HTTP server (the plugin's API under /api/slipway). */
  server: Awaited<ReturnType<typeof startSlipway>>['server'];
  stop(): Promise<void>;
}

/**
 * Starts the plugin on SQLite against a real Git smart-HTTP server holding
 * `files` and a kube-sim, with the Application entities `entities(repoURL)`
 * in the catalog. Call within a describe block (it registers the test
 * databases there).
 */
export function pluginWorld(options: {
  files: Record<string, string>;
  entities: (repoURL: string) => Entity[];
  podReadyDelayMs?: number;
  /** More `slipway` configuration, e.g. projects. */
  slipway?: Record<string, unknown>;
}): () => Promise<PluginWorld> {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  return async () => {
    const git = await GitTestServer.start();
    const { url: repoURL } = await git.createRepo('gitops', options.files);
    const sim = await startKubeSim({
      podReadyDelayMs: options.podReadyDelayMs ?? 0,
    });
    const knex = await databases.init('SQLITE_3');
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-plugin-'));
    const backend = await startSlipway({
      knex,
      sim,
      workDir,
      entities: options.entities(repoURL),
      slipway: options.slipway,
    });
    const store = await DatabaseSlipwayStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    });
    return {
      git,
      sim,
      store,
      repoURL,
      server: backend.server,
      stop: async () => {
        await backend.stop();
        await sim.stop();
        await git.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  };
}
