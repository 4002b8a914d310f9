import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { OperationEventItem, OperationSummary } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { mockSlipwayApi } from '../../hooks/testFixtures';
import { fakeSignalApi } from '../__testUtils__/fakeSignalApi';
import { OperationProgress } from './OperationProgress';

jest.setTimeout(30_000);

const operation: OperationSummary = {
  id: 'op-1',
  entityRef: 'application:default/shop-prod',
  kind: 'sync',
  phase: 'Running',
  initiator: 'user:default/ada',
  request: {},
  createdAt: '2024-01-01T10:00:00Z',
};

const event = (id: number, fields: Omit<OperationEventItem, 'id' | 'time'>): OperationEventItem => ({
  id,
  time: '2024-01-01T10:00:00Z',
  ...fields,
});

/**
 * 1,200 events, more than the backend's largest page: 1,100 ConfigMaps in
 * wave 0, the Deployment of wave 1 Running on the first page and Synced on
 * the second, and a PostSync Job seen only on the second page.
 */
function longSync(): OperationEventItem[] {
  const events = Array.from({ length: 1100 }, (_, i) =>
    event(i + 1, { phase: 'Sync', wave: 0, resourceKey: `/ConfigMap/shop/cm-${i + 1}`, status: 'Synced' }),
  );
  events[4] = event(5, { phase: 'Sync', wave: 1, resourceKey: 'apps/Deployment/shop/web', status: 'Running' });
  for (let id = 1101; id < 1200; id++) {
    events.push(event(id, { phase: 'PostSync', wave: 2, resourceKey: 'batch/Job/shop/migrate', status: 'Running' }));
  }
  events.push(event(1200, { phase: 'Sync', wave: 1, resourceKey: 'apps/Deployment/shop/web', status: 'Synced' }));
  return events;
}

/** The backend's events route over `events`: ids above `after`, 500 by default, at most 1,000, nextCursor while more follow. */
function eventsBackend(events: OperationEventItem[]) {
  const api = mockSlipwayApi();
  api.getOperationEvents.mockImplementation(async (_operationId, page = {}) => {
    const limit = Math.min(page.limit ?? 500, 1000);
    const rest = events.filter(e => e.id > (page.after ?? 0));
    const items = rest.slice(0, limit);
    return rest.length > limit ? { items, nextCursor: items[items.length - 1].id } : { items };
  });
  return api;
}

async function renderProgress(api: ReturnType<typeof mockSlipwayApi>) {
  const signals = fakeSignalApi();
  await renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api], [signalApiRef, signals.api]]}>
      <OperationProgress operation={operation} />
    </TestApiProvider>,
  );
  return signals;
}

describe('OperationProgress', () => {
  it('shows the latest state of resources whose events come after the first page', async () => {
    const api = eventsBackend(longSync());
    await renderProgress(api);
    expect(await screen.findByText('Wave 1: Deployment/web Synced')).toBeInTheDocument();
    expect(screen.getByText('Wave 2: Job/migrate Running')).toBeInTheDocument();
    expect(screen.getByText(/^Wave 0: .*ConfigMap\/cm-1100 Synced$/)).toBeInTheDocument();
    expect(screen.getByText('Phase Sync')).toBeInTheDocument();
  });

  it('on a signal reads only the events after the last one it has and adds them', async () => {
    const events = longSync();
    const api = eventsBackend(events);
    const signals = await renderProgress(api);
    await screen.findByText('Wave 1: Deployment/web Synced');
    const firstRead = api.getOperationEvents.mock.calls.length;

    events.push(
      event(1201, { phase: 'PostSync', wave: 2, resourceKey: 'batch/Job/shop/migrate', status: 'Synced' }),
      event(1202, { phase: 'PostSync', wave: 3, resourceKey: '/Service/shop/web', status: 'Synced' }),
    );
    signals.publish({ entityRef: operation.entityRef, operation: { id: 'op-1', phase: 'Running' } });

    expect(await screen.findByText('Wave 2: Job/migrate Synced')).toBeInTheDocument();
    expect(screen.getByText('Wave 3: Service/web Synced')).toBeInTheDocument();
    expect(screen.getByText('Wave 1: Deployment/web Synced')).toBeInTheDocument();
    expect(screen.getByText('Phase PostSync')).toBeInTheDocument();
    const later = api.getOperationEvents.mock.calls.slice(firstRead);
    expect(later.length).toBeGreaterThan(0);
    for (const [operationId, page] of later) {
      expect(operationId).toBe('op-1');
      expect(page?.after).toBeGreaterThanOrEqual(1200);
    }
  });

  it('after a failed read, polls on from the last event it has', async () => {
    const events = longSync().slice(0, 10);
    const api = eventsBackend(events);
    await renderProgress(api);
    await screen.findByText('Wave 1: Deployment/web Running');
    const beforeFailure = api.getOperationEvents.mock.calls.length;
    api.getOperationEvents.mockRejectedValueOnce(new Error('backend restarting'));
    expect(await screen.findByText(/Progress unavailable \(backend restarting\)/, {}, { timeout: 5000 })).toBeInTheDocument();

    events.push(event(11, { phase: 'Sync', wave: 1, resourceKey: 'apps/Deployment/shop/web', status: 'Synced' }));
    expect(await screen.findByText('Wave 1: Deployment/web Synced', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/^Wave 0: ConfigMap\/cm-1 Synced, /)).toBeInTheDocument();
    for (const [, page] of api.getOperationEvents.mock.calls.slice(beforeFailure)) {
      expect(page?.after).toBeGreaterThanOrEqual(10);
    }
  });
});
