export { slipwayPlugin } from './plugin';
export {
  slipwayApi,
  slipwayEntityContent,
  slipwayHistoryCard,
  slipwayPage,
  slipwayRootRouteRef,
  slipwayStatusCard,
  slipwayVersionsCard,
} from './extensions';
