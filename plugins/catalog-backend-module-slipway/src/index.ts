/**
 * Catalog module for Slipway: Argo CD ApplicationSets and Applications as
 * catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleSlipway as default } from './module';
export { ArgoEntityProcessor } from './processor/ArgoEntityProcessor';
export { ApplicationSetProcessor } from './processor/ApplicationSetProcessor';
export type { ApplicationSetEntityContext } from './processor/applicationSetEntities';
export type { CatalogLookup } from './catalog/CatalogLookup';
export { catalogServiceLookup } from './catalog/CatalogLookup';
export { CatalogGitReader } from './git/CatalogGitReader';
export type { CatalogGitReaderOptions } from './git/CatalogGitReader';
