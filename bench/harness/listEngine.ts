/*
 * The plugin's engine over an inventory of Application entities and a
 * store, with the reconciler and operation worker built but not started:
 * what the list API reads (the store, and each Application's description
 * from the inventory), without clusters to compare against.
 */
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { DefaultSlipwayEngine } from '../../plugins/slipway-backend/src/engine/DefaultSlipwayEngine';
import { applicationFromEntity } from '../../plugins/slipway-backend/src/inventory';
import { readProjectsConfig } from '../../plugins/slipway-backend/src/projects';
import { OperationWorker } from '../../plugins/slipway-backend/src/reconciler/OperationWorker';
import { Reconciler } from '../../plugins/slipway-backend/src/reconciler/Reconciler';
import type { SlipwayStore } from '../../plugins/slipway-backend/src/store';
import { quietLogger } from './EngineHarness';

export function listEngine(entities: Entity[], store: SlipwayStore) {
  const items = entities.map(applicationFromEntity);
  const byRef = new Map(items.map(i => [i.entityRef, i]));
  const inventory = { get: (ref: string) => byRef.get(ref), list: () => items };
  const projects = readProjectsConfig(new ConfigReader({}));
  const resolveCluster = (d: { name?: string; server?: string }) => (d.name ? { name: d.name, server: `https://${d.name}.example.com` } : undefined);
  const noClusters = { connect: () => Promise.reject(new Error('no clusters in the list benchmark')) } as any;
  const logger = quietLogger();
  const reconciler = new Reconciler({
    inventory,
    controller: { refresh: () => Promise.reject(new Error('not reconciling in the list benchmark')) },
    clusters: noClusters,
    resolveCluster,
    store,
    projects,
    enqueueAutoSync: async () => {},
    publish: () => {},
    logger,
    concurrency: 1,
    refreshIntervalMs: 3_600_000,
    selfHealTimeoutMs: 5_000,
  });
  const worker = new OperationWorker({
    store,
    replicaId: 'bench',
    run: async () => ({ phase: 'Error', message: 'not running operations in the list benchmark' }),
    onFinished: () => {},
    logger,
    concurrency: 1,
    heartbeatIntervalMs: 10_000,
    pollIntervalMs: 3_600_000,
  });
  return new DefaultSlipwayEngine({ inventory, reconciler, worker, store, clusters: noClusters, resolveCluster, projects, publish: () => {}, logger });
}
