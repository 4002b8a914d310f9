import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { ListApplicationsResponse, SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { useSignalRefresh } from '../../hooks/useSignalRefresh';
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
 * Whether a signal may change a row of the listing: a new sync or health
 * status, or an application gone (a message naming only the application).
 * Operation phases and per-resource progress do not show in the listing.
 */
export function changesListing(message: SlipwaySignalMessage): boolean {
  return (
    message.sync !== undefined ||
    message.health !== undefined ||
    (message.operation === undefined && message.progress === undefined)
  );
}

interface ListState {
  value?: ListApplicationsResponse;
  error?: Error;
  loading: boolean;
}

/**
 * The application listing one server-side page at a time (cursor
 * pagination, filters applied by the backend), so the page stays fast with
 * 10,000 applications. Changing the filters starts again at the first page.
 * Status signals refresh the current page in the background (same filters,
 * same cursor, no loading state), bursts coalesced by useSignalRefresh.
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
  const pageKey = JSON.stringify([filterKey, cursor ?? null]);

  // The page shown now, read by loads that start later (a signal's refresh).
  const shown = useRef({ api, filterKey, cursor, pageKey });
  shown.current = { api, filterKey, cursor, pageKey };
  const [state, setState] = useState<ListState>({ loading: true });
  // Each load gets a number; only the newest may write state.
  const generation = useRef(0);

  /** Loads the page shown; `background` keeps the table as it is until the answer differs. */
  const load = useCallback(async (background: boolean) => {
    const asked = shown.current;
    const mine = ++generation.current;
    const superseded = () => mine !== generation.current || asked.pageKey !== shown.current.pageKey;
    if (!background) setState(prev => ({ ...prev, loading: true }));
    try {
      const value = await asked.api.listApplications(toListQuery(JSON.parse(asked.filterKey), asked.cursor));
      if (superseded()) return;
      setState(prev =>
        // An unchanged answer keeps the state object, so the table does not re-render.
        !prev.loading && !prev.error && JSON.stringify(prev.value) === JSON.stringify(value)
          ? prev
          : { value, loading: false },
      );
    } catch (error) {
      if (superseded()) return;
      // A failed refresh keeps the rows below the error; a failed load has no rows of this page.
      setState(prev => ({ value: background ? prev.value : undefined, error: error as Error, loading: false }));
    }
  }, []);

  useEffect(() => {
    load(false);
    // Invalidates loads in flight, so that an old page never lands after unmount.
    const generations = generation;
    return () => {
      generations.current++;
    };
  }, [api, pageKey, load]);

  useSignalRefresh(() => load(true), changesListing);

  const nextCursor = state.loading ? undefined : state.value?.nextCursor;
  const next = useCallback(() => {
    if (nextCursor) setVisited({ filterKey, cursors: [...cursors, nextCursor] });
  }, [cursors, filterKey, nextCursor]);
  const previous = useCallback(() => {
    if (cursors.length > 1) setVisited({ filterKey, cursors: cursors.slice(0, -1) });
  }, [cursors, filterKey]);
  const reload = useCallback(() => {
    load(false);
  }, [load]);

  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    page: cursors.length - 1,
    hasNext: Boolean(nextCursor),
    next,
    previous,
    reload,
  };
}
