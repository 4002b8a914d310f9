import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import type { SlipwayStore } from '../../store';
import type { ApplicationAccess } from '../access/ApplicationAccess';
import type { SlipwayEngine } from '../SlipwayEngine';

/** The store reads the routes make. */
export type RouteStore = Pick<
  SlipwayStore,
  | 'getApplicationStatus'
  | 'listApplicationStatuses'
  | 'listOperations'
  | 'latestOperations'
  | 'listHistory'
  | 'getOperation'
  | 'listEvents'
  | 'listChildApplications'
>;

/** Newest chart versions of Helm repositories and OCI registries (for "a newer version is available"). */
export interface ChartVersionLookup {
  newestVersion(repoURL: string, chart: string): Promise<string | undefined>;
}

/** What every group of routes is given. */
export interface RouteContext {
  engine: SlipwayEngine;
  store: RouteStore;
  access: ApplicationAccess;
  auditor: AuditorService;
  logger: LoggerService;
  chartVersions?: ChartVersionLookup;
}
