/**
 * Slipway's frontend: status, versions, resource graph and history of
 * GitOps applications on Backstage entity pages.
 *
 * @packageDocumentation
 */
export { slipwayPlugin, EntitySlipwayStatusCard, EntitySlipwayVersionsTable } from './plugin';
export { isSlipwayAvailable, isSlipwayApplication } from './predicates';
export { slipwayApiRef, SlipwayClient } from './api';
export type { SlipwayApi } from './api';
