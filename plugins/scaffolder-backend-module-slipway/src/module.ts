import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEnvironmentAction } from './actions/createEnvironmentAction';
import { createOnboardApplicationAction } from './actions/onboardApplicationAction';
import { createSyncApplicationAction } from './actions/syncApplicationAction';

/**
 * The Slipway scaffolder actions: `slipway:environment:create`,
 * `slipway:application:onboard` and `slipway:application:sync`.
 */
export const scaffolderModuleSlipway = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'slipway',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, config, catalog, auth, discovery }) {
        scaffolder.addActions(
          createEnvironmentAction({ config, catalog }),
          createOnboardApplicationAction({ config, catalog }),
          createSyncApplicationAction({ discovery, auth }),
        );
      },
    });
  },
});
