export { slipwayApiRef } from './SlipwayApi';
export type { OperationEventPage, SlipwayApi } from './SlipwayApi';
export { SlipwayClient } from './SlipwayClient';
