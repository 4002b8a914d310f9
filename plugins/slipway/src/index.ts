/**
 * Slipway's frontend: status, versions, resource graph and history of
 * GitOps applications on Backstage entity pages.
 *
 * @packageDocumentation
 */
export {
  slipwayPlugin,
  EntitySlipwayStatusCard,
  EntitySlipwayVersionsTable,
  EntitySlipwayHistoryCard,
} from './plugin';
export { EntitySlipwayContent, SlipwayPage } from './plugin';
export { rootRouteRef } from './routes';
export { isSlipwayAvailable, isSlipwayApplication } from './predicates';
export { slipwayApiRef, SlipwayClient } from './api';
export type { OperationEventPage, SlipwayApi } from './api';
