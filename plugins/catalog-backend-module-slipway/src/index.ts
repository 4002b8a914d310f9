/**
 * Catalog module for Slipway: Argo CD ApplicationSets and Applications as
 * catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleSlipway as default } from './module';
export { ArgoEntityProcessor } from './processor/ArgoEntityProcessor';
