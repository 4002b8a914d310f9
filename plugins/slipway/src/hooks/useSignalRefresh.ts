import { useEffect, useRef } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SLIPWAY_SIGNAL_CHANNEL, SlipwaySignalMessage } from '@slipway/plugin-slipway-common';
import { createCoalescedRunner } from './coalescedRunner';

/** Least time between two refreshes caused by signals. */
export const SIGNAL_REFRESH_MIN_INTERVAL_MS = 1_000;

/**
 * Calls `refresh` when relevant Slipway signals arrive, coalescing bursts
 * (a sync of 1,000 applications sends thousands of signals): at most one
 * refresh runs, one more is queued, and refreshes start at least
 * `minIntervalMs` apart. Unlike `useSignal`, a signal does not re-render
 * the component; only what `refresh` changes does. Without the signals
 * plugin it does nothing.
 */
export function useSignalRefresh(
  refresh: () => Promise<unknown>,
  isRelevant: (message: SlipwaySignalMessage) => boolean,
  minIntervalMs: number = SIGNAL_REFRESH_MIN_INTERVAL_MS,
): void {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callbacks, so that re-renders do not resubscribe.
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const isRelevantRef = useRef(isRelevant);
  isRelevantRef.current = isRelevant;

  useEffect(() => {
    if (!signals) return undefined;
    const runner = createCoalescedRunner(() => refreshRef.current(), minIntervalMs);
    const { unsubscribe } = signals.subscribe<SlipwaySignalMessage & Record<string, any>>(
      SLIPWAY_SIGNAL_CHANNEL,
      message => {
        if (isRelevantRef.current(message)) runner.request();
      },
    );
    return () => {
      unsubscribe();
      runner.dispose();
    };
  }, [signals, minIntervalMs]);
}
