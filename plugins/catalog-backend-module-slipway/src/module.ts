import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ArgoEntityProcessor } from './processor/ArgoEntityProcessor';

/**
 * Catalog module that makes Argo CD ApplicationSets and Applications catalog
 * entities.
 *
 * @public
 */
export const catalogModuleSlipway = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slipway',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ArgoEntityProcessor());
      },
    });
  },
});
