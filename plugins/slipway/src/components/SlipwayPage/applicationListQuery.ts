import {
  HEALTH_ORDER,
  SYNC_STATUS_CODES,
  HealthStatusCode,
  ListApplicationsQuery,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';

/** Rows per page of the Slipway page. */
export const PAGE_SIZE = 50;

/** Only what the table shows; the listing never loads resources or versions. */
export const TABLE_FIELDS = [
  'name',
  'project',
  'environment',
  'cluster',
  'destinationNamespace',
  'owner',
  'sync',
  'health',
];


/** The filters of the Slipway page; empty means "any". Text filters match exactly. */
export interface ApplicationFilters {
  project: string;
  cluster: string;
  environment: string;
  owner: string;
  sync: SyncStatusCode[];
  health: HealthStatusCode[];
}

export const EMPTY_FILTERS: ApplicationFilters = {
  project: '',
  cluster: '',
  environment: '',
  owner: '',
  sync: [],
  health: [],
};

const TEXT_FILTERS = ['project', 'cluster', 'environment', 'owner'] as const;

/** The listing request for one page: the filters that are set, page size, fields and cursor. */
export function toListQuery(filters: ApplicationFilters, cursor?: string): ListApplicationsQuery {
  const query: ListApplicationsQuery = { limit: PAGE_SIZE, fields: TABLE_FIELDS };
  for (const name of TEXT_FILTERS) {
    const value = filters[name].trim();
    if (value) query[name] = value;
  }
  if (filters.sync.length > 0) query.sync = filters.sync;
  if (filters.health.length > 0) query.health = filters.health;
  if (cursor) query.cursor = cursor;
  return query;
}

/** Filters from the page URL, so that a filtered view can be shared; unknown words are dropped. */
export function filtersFromSearchParams(params: URLSearchParams): ApplicationFilters {
  return {
    project: params.get('project') ?? '',
    cluster: params.get('cluster') ?? '',
    environment: params.get('environment') ?? '',
    owner: params.get('owner') ?? '',
    sync: params.getAll('sync').filter((s): s is SyncStatusCode => SYNC_STATUS_CODES.includes(s as SyncStatusCode)),
    health: params.getAll('health').filter((h): h is HealthStatusCode => HEALTH_ORDER.includes(h as HealthStatusCode)),
  };
}

/** The URL form of the filters: only those that are set. */
export function filtersToSearchParams(filters: ApplicationFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of TEXT_FILTERS) {
    const value = filters[name].trim();
    if (value) params.set(name, value);
  }
  filters.sync.forEach(s => params.append('sync', s));
  filters.health.forEach(h => params.append('health', h));
  return params;
}
