export { EntitySlipwayVersionsTable } from './EntitySlipwayVersionsTable';
