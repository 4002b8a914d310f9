import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import { useSignalRefresh } from './useSignalRefresh';

/** Polling interval while nothing runs; signals make most updates immediate. */
export const IDLE_POLL_MS = 10_000;
/** Polling interval while an operation runs, so progress stays fresh without signals. */
export const ACTIVE_POLL_MS = 2_000;

/** State of live data: the last good value stays visible while it reloads. */
export interface LiveData<T> {
  value?: T;
  error?: Error;
  /** True only until the first answer (or error) arrives. */
  loading: boolean;
  /** Loads again now. */
  reload: () => void;
}

export interface LiveDataOptions<T> {
  /** Whether a signal on the Slipway channel concerns this data. */
  isRelevant: (message: SlipwaySignalMessage) => boolean;
  /** Milliseconds until the next poll, given the current value. */
  pollInterval?: (value: T | undefined) => number;
}

/**
 * Loads data, then keeps it live: reloads when a relevant Slipway signal
 * arrives and polls as a fallback (signals may be unavailable or missed).
 * Signals reach it through useSignalRefresh: a burst (a fleet syncing sends
 * thousands) costs at most a reload in progress and one queued, and a
 * signal that is not relevant does not even re-render the component.
 * A reload never blanks the view; an error after a good value replaces
 * the value so a failure is not hidden behind stale data.
 */
export function useLiveData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: LiveDataOptions<T>,
): LiveData<T> {
  const [state, setState] = useState<{ value?: T; error?: Error; loading: boolean }>({
    loading: true,
  });
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // Each load gets a number; only the newest one may write state.
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const loadRef = useRef(load);
  loadRef.current = load;
  // JSON of the last value as it arrived: a poll that changes nothing must not
  // re-render (tables would remount rows and lose focus and open dialogs).
  const lastJson = useRef<string>();

  /** Loads now; resolves when the answer (or error) has been handled. */
  const run = useCallback((): Promise<void> => {
    const current = ++generation.current;
    clearTimeout(timer.current);
    const schedule = (value: T | undefined) => {
      const interval = (optionsRef.current.pollInterval ?? (() => IDLE_POLL_MS))(value);
      timer.current = setTimeout(run, interval);
    };
    return loadRef.current().then(
      value => {
        if (current !== generation.current) return;
        const json = JSON.stringify(value);
        if (json !== lastJson.current) {
          lastJson.current = json;
          setState({ value, loading: false });
        }
        schedule(value);
      },
      error => {
        if (current !== generation.current) return;
        lastJson.current = undefined;
        setState({ error, loading: false });
        schedule(undefined);
      },
    );
  }, []);

  useEffect(() => {
    lastJson.current = undefined;
    setState({ loading: true });
    run();
    // Invalidates loads in flight, so that an old answer never lands after unmount or a change of deps.
    const generations = generation;
    const timers = timer;
    return () => {
      generations.current++;
      clearTimeout(timers.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useSignalRefresh(run, message => optionsRef.current.isRelevant(message));

  const reload = useCallback(() => {
    run();
  }, [run]);
  return { ...state, reload };
}
