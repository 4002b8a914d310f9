export { EntitySlipwayStatusCard } from './EntitySlipwayStatusCard';
export { SyncStatusBadge, HealthStatusBadge, OperationPhaseBadge } from './StatusBadges';
export { RevisionLink, isSafeHttpUrl, shortRevision } from './RevisionLink';
