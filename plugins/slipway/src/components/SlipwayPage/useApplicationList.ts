import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import type { ListApplicationsResponse } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { ApplicationFilters, toListQuery } from './applicationListQuery';

/** One page of the application listing and the moves to its neighbours. */
export interface ApplicationListPage {
  /** The current page; the previous one stays while the next loads. */
  value?: ListApplicationsResponse;
  loading: boolean;
  error?: Error;
  /** Zero-based page number. */
  page: number;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  reload: () => void;
}

/**
 * The application listing one server-side page at a time (cursor
 * pagination, filters applied by the backend), so the page stays fast with
 * 10,000 applications. Changing the filters starts again at the first page.
 */
export function useApplicationList(filters: ApplicationFilters): ApplicationListPage {
  const api = useApi(slipwayApiRef);
  const filterKey = JSON.stringify(filters);
  // The cursor of each page visited so far, for the current filters.
  const [visited, setVisited] = useState<{ filterKey: string; cursors: Array<string | undefined> }>({
    filterKey,
    cursors: [undefined],
  });
  const cursors = useMemo(
    () => (visited.filterKey === filterKey ? visited.cursors : [undefined]),
    [visited, filterKey],
  );
  const cursor = cursors[cursors.length - 1];

  const state = useAsyncRetry(
    () => api.listApplications(toListQuery(JSON.parse(filterKey), cursor)),
    [api, filterKey, cursor],
  );
  const nextCursor = state.loading ? undefined : state.value?.nextCursor;

  const next = useCallback(() => {
    if (nextCursor) setVisited({ filterKey, cursors: [...cursors, nextCursor] });
  }, [cursors, filterKey, nextCursor]);
  const previous = useCallback(() => {
    if (cursors.length > 1) setVisited({ filterKey, cursors: cursors.slice(0, -1) });
  }, [cursors, filterKey]);

  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    page: cursors.length - 1,
    hasNext: Boolean(nextCursor),
    next,
    previous,
    reload: state.retry,
  };
}
