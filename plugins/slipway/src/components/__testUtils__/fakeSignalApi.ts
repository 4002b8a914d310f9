import { act } from '@testing-library/react';
import type { SignalApi } from '@backstage/plugin-signals-react';
import { SLIPWAY_SIGNAL_CHANNEL } from '@slipway/plugin-slipway-common';

/**
 * A signal API for tests: components subscribe to it as to the real one,
 * and `publish` delivers a message to the Slipway channel's subscribers
 * as the signals plugin does, one at a time.
 */
export function fakeSignalApi() {
  const listeners: Array<{ channel: string; onMessage: (message: any) => void }> = [];
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      const listener = { channel, onMessage: onMessage as (message: any) => void };
      listeners.push(listener);
      return {
        unsubscribe: () => {
          if (listeners.includes(listener)) listeners.splice(listeners.indexOf(listener), 1);
        },
      };
    },
  };
  const publish = (message: object) =>
    act(() => {
      listeners.filter(l => l.channel === SLIPWAY_SIGNAL_CHANNEL).forEach(l => l.onMessage(message));
    });
  return { api, publish };
}
