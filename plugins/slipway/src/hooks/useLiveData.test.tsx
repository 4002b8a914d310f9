import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { fakeSignalApi } from '../components/__testUtils__/fakeSignalApi';
import { useLiveData } from './useLiveData';

describe('useLiveData', () => {
  afterEach(() => jest.useRealTimers());

  it('reloads when a relevant signal arrives and ignores others', async () => {
    const bus = fakeSignalApi();
    let count = 0;
    const load = jest.fn(async () => ++count);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, bus.api]]}>{children}</TestApiProvider>
    );
    const { result } = renderHook(
      () =>
        useLiveData(load, [], {
          isRelevant: message => message.entityRef === 'application:default/payments-dev',
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.value).toBe(1));
    bus.publish({ entityRef: 'application:default/other' });
    expect(load).toHaveBeenCalledTimes(1);
    bus.publish({ entityRef: 'application:default/payments-dev', sync: 'OutOfSync' });
    await waitFor(() => expect(result.current.value).toBe(2));
  });

  it('polls at the interval the current value asks for, without signals', async () => {
    jest.useFakeTimers();
    const values = ['running', 'running', 'done'];
    const load = jest.fn(async () => values.shift() ?? 'done');
    const pollInterval = jest.fn((value?: string) => (value === 'running' ? 1000 : 60_000));
    const { result } = renderHook(() =>
      useLiveData(load, [], { isRelevant: () => false, pollInterval }),
    );
    await waitFor(() => expect(result.current.value).toBe('running'));
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await waitFor(() => expect(result.current.value).toBe('done'));
    await act(async () => {
      jest.advanceTimersByTime(30_000);
    });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('replaces the value with the error when a reload fails', async () => {
    const load = jest
      .fn<Promise<string>, []>()
      .mockResolvedValueOnce('ok')
      .mockRejectedValueOnce(new Error('backend down'));
    const { result } = renderHook(() => useLiveData(load, [], { isRelevant: () => false }));
    await waitFor(() => expect(result.current.value).toBe('ok'));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.error?.message).toBe('backend down'));
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(false);
  });

  it('folds a burst of relevant signals into few reloads, and does not re-render for irrelevant ones', async () => {
    const bus = fakeSignalApi();
    let count = 0;
    let release: () => void = () => {};
    const load = jest.fn(async () => {
      const n = ++count;
      if (n === 2) await new Promise<void>(resolve => (release = resolve));
      return n;
    });
    let renders = 0;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, bus.api]]}>{children}</TestApiProvider>
    );
    const { result } = renderHook(
      () => {
        renders++;
        return useLiveData(load, [], {
          isRelevant: message => message.entityRef === 'application:default/payments-dev',
        });
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.value).toBe(1));
    const rendersBefore = renders;
    act(() => {
      for (let i = 0; i < 100; i++) bus.publish({ entityRef: 'application:default/other', sync: 'Synced' });
    });
    expect(renders).toBe(rendersBefore);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => {
      for (let i = 0; i < 100; i++) bus.publish({ entityRef: 'application:default/payments-dev', sync: 'OutOfSync' });
    });
    // one reload in progress (held open), the other 99 signals wait for one more
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => release());
    await waitFor(() => expect(result.current.value).toBe(3), { timeout: 3000 });
    expect(load).toHaveBeenCalledTimes(3);
  });
});
