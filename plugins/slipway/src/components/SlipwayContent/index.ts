export { EntitySlipwayContent } from './EntitySlipwayContent';
