import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { startKubeSim } from '@slipway/kube-sim';
import { slipwayPermissions } from '@slipway/plugin-slipway-common';
import { readClusterConfig } from '@slipway/plugin-slipway-node';
import { createHealthAssessor } from './engine/createHealthAssessor';
import { createLuaActionSources } from './engine/createLuaActionSources';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ApplicationController } from './engine/app/ApplicationController';
import { ClusterConnections } from './engine/app/ClusterConnections';
import { createRendering } from './engine/render';
import { readNotificationsConfig } from './notifications';
import { readProjectsConfig } from './projects';
import { readReconcileConfig } from './reconciler/readReconcileConfig';
import { SlipwayRuntime } from './reconciler/SlipwayRuntime';
import { createRouter } from './service/router';
import { DatabaseSlipwayStore } from './store';
import { readDiffSettings } from './engine/app/DiffSettings';
import { ChildApplicationDirectory } from './reconciler/ChildApplicationDirectory';
import { readSyncWaitTimeoutMs } from './config/readSyncWaitTimeout';

/**
 * The Slipway backend plugin: Slipway's GitOps engine inside Backstage.
 *
 * @public
 */
export const slipwayPlugin = createBackendPlugin({
  pluginId: 'slipway',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, config, database, scheduler, auth, auditor, lifecycle, httpRouter, catalog, signals } = deps;
        deps.permissionsRegistry.addPermissions(slipwayPermissions);

        const settings = readReconcileConfig(config);
        const projects = readProjectsConfig(config);
        const notificationSettings = readNotificationsConfig(config);
        const store = await DatabaseSlipwayStore.create({ database });
        const registry = await ClusterRegistry.create({
          clusters: readClusterConfig(config),
          logger,
          startEmbedded: () => startKubeSim({ addons: { ingress: true, hpa: true, loadBalancer: true } }),
        });
        const connections = new ClusterConnections(registry, { logger });
        const workDir = config.getOptionalString('backend.workingDirectory') ?? os.tmpdir();
        const { source, renderer, helmRepositories } = createRendering({
          config,
          cacheDir: path.join(workDir, 'slipway-engine'),
          logger: {
            info: (message, meta) => logger.info(message, meta as Record<string, string>),
            debug: (message, meta) => logger.debug(message, meta as Record<string, string>),
          },
        });
        const health = await createHealthAssessor(config, logger);
        const luaActions = await createLuaActionSources(config, logger);
        const diff = readDiffSettings(config);
        const children = new ChildApplicationDirectory(store);
        await children.load();
        const controller = new ApplicationController({
          renderer,
          clusters: connections,
          health,
          diff,
          children,
          executor: { waitTimeoutMs: readSyncWaitTimeoutMs(config) },
        });
        const runtime = new SlipwayRuntime({
          settings,
          projects,
          store,
          controller,
          children,
          diff,
          clusters: connections,
          resolveCluster: destination => registry.resolve(destination),
          luaActions: luaActions.folder,
          configuredActions: luaActions.configured,
          source,
          catalog,
          auth,
          scheduler,
          signals,
          auditor,
          notifications: notificationSettings.enabled
            ? { sender: deps.notifications, thresholds: notificationSettings }
            : undefined,
          logger,
        });
        lifecycle.addShutdownHook(async () => {
          await runtime.stop();
          await connections.stop();
          await registry.stop();
          await luaActions.folder?.close();
          await luaActions.configured?.close();
        });

        const routerOptions = {
          logger,
          config,
          engine: runtime.engine,
          store,
          auth,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          auditor,
          catalog,
          chartVersions: helmRepositories,
        };
        httpRouter.use(await createRouter(routerOptions));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Git hosts send no Backstage token: the provider's secret authenticates the webhook
        httpRouter.addAuthPolicy({ path: '/webhooks/git', allow: 'unauthenticated' });

        await runtime.start();
      },
    });
  },
});
