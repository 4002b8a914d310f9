import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { slipwayPermissions } from '@slipway/plugin-slipway-common';
import { createRouter } from './service/router';

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
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ logger, httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(slipwayPermissions);
        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
