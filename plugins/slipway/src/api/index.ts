export { slipwayApiRef } from './SlipwayApi';
export type { SlipwayApi } from './SlipwayApi';
export { SlipwayClient } from './SlipwayClient';
