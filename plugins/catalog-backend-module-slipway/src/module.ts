import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  generatorClusters,
  GitSource,
  HttpPluginGeneratorService,
  KubeClusterDecisionService,
  readClusterConfig,
  readRepositoryCredentials,
  readRepositoryLocalPaths,
  SourceGitReader,
} from '@slipway/plugin-slipway-node';
import { catalogServiceLookup } from './catalog/CatalogLookup';
import { CatalogGitReader } from './git/CatalogGitReader';
import { ApplicationSetProcessor } from './processor/ApplicationSetProcessor';
import { ArgoEntityProcessor } from './processor/ArgoEntityProcessor';
import { HttpChildApplicationSource, SlipwayChildApplicationsProvider } from './provider/SlipwayChildApplicationsProvider';

type LogMeta = Parameters<LoggerService['info']>[1];

/**
 * Catalog module that makes Argo CD ApplicationSets and Applications catalog
 * entities, and expands each ApplicationSet into its Applications.
 *
 * Reads `slipway.clusters` (the clusters generator's clusters),
 * `slipway.repositories` (credentials and local folders for the git
 * generators) and `slipway.applicationSets.plugins` (the plugin
 * generators' services). Publishes the Applications and ApplicationSets
 * apps of apps rendered, as the Slipway backend reports them after their
 * syncs, as entities of their own. Fetched repositories are cached under
 * `backend.workingDirectory` (default: the system's temporary folder) in
 * `slipway-catalog-git`.
 *
 * @public
 */
export const catalogModuleSlipway = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slipway',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({ catalogProcessing, config, logger, auth, discovery, scheduler, catalog }) {
        const clusters = generatorClusters(readClusterConfig(config));
        const localPaths = readRepositoryLocalPaths(config);
        const workingDirectory = config.getOptionalString('backend.workingDirectory') ?? os.tmpdir();
        const source = new GitSource({
          cacheDir: path.join(workingDirectory, 'slipway-catalog-git'),
          credentials: readRepositoryCredentials(config),
          localPaths,
          logger: {
            info: (message, meta) => logger.info(message, meta as LogMeta),
            debug: (message, meta) => logger.debug(message, meta as LogMeta),
          },
        });
        const git = new CatalogGitReader({ source: new SourceGitReader(source), localPaths });
        for (const entry of localPaths) {
          logger.info(`ApplicationSet git generators read ${entry.url} from ${entry.localPath}`);
        }
        catalogProcessing.addProcessor(
          new ArgoEntityProcessor(),
          new ApplicationSetProcessor({
            clusters,
            git,
            plugins: HttpPluginGeneratorService.fromConfig(config),
            clusterDecisions: KubeClusterDecisionService.fromConfig(config),
            catalog: catalogServiceLookup(catalog, auth),
            logger,
          }),
        );
        catalogProcessing.addEntityProvider(
          new SlipwayChildApplicationsProvider({
            source: new HttpChildApplicationSource({ discovery, auth }),
            scheduler,
            logger,
          }),
        );
      },
    });
  },
});
