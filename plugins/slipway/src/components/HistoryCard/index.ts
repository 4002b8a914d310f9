export { EntitySlipwayHistoryCard } from './EntitySlipwayHistoryCard';
