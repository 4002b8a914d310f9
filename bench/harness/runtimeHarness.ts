/*
 * The plugin's runtime as plugin.ts assembles it (catalog inventory,
 * reconciler, operation worker, engine), over the engine harness, an
 * in-memory SQLite store and a catalog holding the given Application
 * entities. Status signals are handed to `onSignal`, so a scenario can see
 * the moment an application turns Synced without polling.
 */
import type { BackstageCredentials, BackstageServicePrincipal } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import { readProjectsConfig } from '../../plugins/slipway-backend/src/projects';
import { readReconcileConfig } from '../../plugins/slipway-backend/src/reconciler/readReconcileConfig';
import { SlipwayRuntime } from '../../plugins/slipway-backend/src/reconciler/SlipwayRuntime';
import { createBenchStore } from './benchStore';
import type { EngineHarness } from './EngineHarness';
import { quietLogger } from './EngineHarness';
import { IntervalScheduler } from './intervalScheduler';

const serviceCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:slipway' },
} as BackstageCredentials<BackstageServicePrincipal>;

export async function startRuntime(options: {
  engine: EngineHarness;
  entities: Entity[];
  /** `slipway` configuration (reconcile, operations, projects); production defaults otherwise. */
  slipway?: Record<string, any>;
  onSignal(message: SlipwaySignalMessage): void;
}) {
  const config = new ConfigReader({ slipway: options.slipway ?? {} });
  const logger = quietLogger();
  const db = await createBenchStore();
  const { engine: h } = options;
  const runtime = new SlipwayRuntime({
    settings: readReconcileConfig(config),
    projects: readProjectsConfig(config),
    store: db.store,
    controller: h.controller,
    clusters: h.connections,
    resolveCluster: d => (d.name === 'sim' || d.server === h.sim.url ? { name: 'sim', server: h.sim.url } : undefined),
    source: h.rendering.source,
    catalog: {
      getEntities: async request => {
        const kind = (request?.filter as { kind?: string } | undefined)?.kind;
        return { items: options.entities.filter(e => !kind || e.kind === kind) };
      },
    },
    auth: { getOwnServiceCredentials: async () => serviceCredentials },
    scheduler: new IntervalScheduler((id, error) => logger.error(`task ${id} failed: ${error.message}`)),
    signals: {
      publish: async signal => options.onSignal(signal.message as unknown as SlipwaySignalMessage),
    },
    logger,
  });
  await runtime.start();
  return {
    runtime,
    store: db.store,
    knex: db.knex,
    async stop() {
      await runtime.stop();
      await db.stop();
    },
  };
}
