import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ListApplicationsQuery, SlipwayApplication, SyncStatusCode } from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { fakeSignalApi } from '../__testUtils__/fakeSignalApi';
import { TABLE_FIELDS } from './applicationListQuery';
import { SlipwayPage } from './SlipwayPage';

jest.setTimeout(60_000);

const row = (name: string, extra: Partial<SlipwayApplication> = {}) =>
  ({
    entityRef: `application:default/${name}`,
    name,
    project: 'shop',
    environment: 'prod',
    cluster: 'eu-1',
    destinationNamespace: name,
    owner: 'team-a',
    sync: { status: 'Synced' },
    health: { status: 'Healthy' },
    ...extra,
  } as SlipwayApplication);

/**
 * A backend of 10,000 applications that answers by cursor. It sends only
 * the first three rows of each page of 50: enough to tell pages apart while
 * keeping the test fast in jsdom. Applications are Synced unless `syncOf`
 * says otherwise at the time of the request.
 */
function pagedApi(syncOf = new Map<string, SyncStatusCode>()) {
  const listApplications = jest.fn(async (query: ListApplicationsQuery = {}) => {
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = Array.from({ length: 3 }, (_, i) => {
      const name = `app-${String(start + i).padStart(5, '0')}`;
      return row(name, { sync: { status: syncOf.get(name) ?? 'Synced' } });
    });
    return { items, totalCount: 10_000, nextCursor: String(start + 50) };
  });
  return { listApplications } as unknown as SlipwayApi & { listApplications: jest.Mock };
}

async function renderPage(
  api: SlipwayApi,
  options: { permission?: ReturnType<typeof mockApis.permission>; url?: string; signals?: ReturnType<typeof fakeSignalApi> } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [slipwayApiRef, api],
        [permissionApiRef, options.permission ?? mockApis.permission()],
        [signalApiRef, (options.signals ?? fakeSignalApi()).api],
      ]}
    >
      <SlipwayPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef }, routeEntries: [options.url ?? '/'] },
  );
}

const lastQuery = (api: { listApplications: jest.Mock }) => api.listApplications.mock.calls.at(-1)?.[0];

/** The table row of an application. */
const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

describe('SlipwayPage', () => {
  it('shows one server-side page of 50 and moves between pages by cursor', async () => {
    const api = pagedApi();
    await renderPage(api);
    expect(await screen.findByText('app-00000')).toBeInTheDocument();
    expect(screen.getByText('Applications (10,000)')).toBeInTheDocument();
    expect(screen.getByText('1-50 of 10000')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('app-00050')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS, cursor: '50' });
    expect(screen.getByText('51-100 of 10000')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText('app-00000')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS });
    expect(api.listApplications).toHaveBeenCalledTimes(3);
  });

  it('sends the filters to the backend and starts again at the first page', async () => {
    const api = pagedApi();
    await renderPage(api, { url: '/?environment=prod' });
    expect(await screen.findByText('app-00000')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS, environment: 'prod' });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('app-00050');
    await userEvent.type(screen.getByLabelText('Project'), 'shop');
    await waitFor(() => expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS, environment: 'prod', project: 'shop' }));

    await userEvent.click(screen.getByLabelText('Sync'));
    await userEvent.click(await screen.findByRole('option', { name: 'OutOfSync' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS, environment: 'prod', project: 'shop', sync: ['OutOfSync'] }),
    );
    // Each keystroke does not cost a request: typing settles first.
    expect(api.listApplications.mock.calls.filter(([q]) => q.project && q.project !== 'shop')).toEqual([]);
  });

  it('says when no application matches and offers to clear the filters', async () => {
    const api = pagedApi();
    api.listApplications.mockResolvedValue({ items: [], totalCount: 0 });
    await renderPage(api, { url: '/?owner=nobody' });
    expect(await screen.findByText('No application matches these filters')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    await waitFor(() => expect(lastQuery(api)).toEqual({ limit: 50, fields: TABLE_FIELDS }));
  });

  it('syncs the selected applications it may sync and reports each result, a conflict included', async () => {
    const api = pagedApi();
    api.listApplications.mockResolvedValue({ items: [row('web'), row('api'), row('db')], totalCount: 3 });
    const sync = jest.fn(async (entityRef: string) => {
      if (entityRef.endsWith('/api')) {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'ConflictError', message: 'operation op-9 of application:default/api is already running' },
              request: { method: 'POST', url: '/api/slipway/applications/default/api/sync' },
              response: { statusCode: 409 },
            }),
            { status: 409, statusText: 'Conflict', headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }
      return { operation: { id: 'op-1' } };
    });
    (api as any).sync = sync;
    const permission = mockApis.permission({
      authorize: request => (request.resourceRef === 'application:default/db' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW),
    });
    await renderPage(api, { permission });

    await screen.findByText('web');
    const checkboxes = screen.getAllByRole('checkbox');
    await userEvent.click(checkboxes[0]); // select all on the page
    await userEvent.click(screen.getByRole('button', { name: 'Sync the selected applications' }));

    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('You may sync 2 of the 3 selected applications.')).toBeInTheDocument();
    expect(within(dialog).getByText('Not permitted, will be skipped: db.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText('Prune resources that are no longer in Git'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sync 2 applications' }));

    const results = await within(dialog).findByRole('table', { name: 'Sync results' });
    const resultRows = within(results).getAllByRole('row').slice(1).map(r => r.textContent);
    expect(resultRows).toEqual([
      expect.stringMatching(/^webStartedSync op-1 started$/),
      expect.stringMatching(/^apiAlready runningNot started: operation op-9 of application:default\/api is already running\./),
      expect.stringMatching(/^dbNot permittedNot permitted: you may not sync db/),
    ]);
    expect(sync.mock.calls).toEqual([
      ['application:default/web', { prune: true, dryRun: false }],
      ['application:default/api', { prune: true, dryRun: false }],
    ]);

    const callsBefore = api.listApplications.mock.calls.length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(api.listApplications.mock.calls.length).toBe(callsBefore + 1));
  });

  it('refreshes the page it shows when an application changes, keeping filters, page and selection', async () => {
    const syncOf = new Map<string, SyncStatusCode>();
    const api = pagedApi(syncOf);
    const signals = fakeSignalApi();
    await renderPage(api, { url: '/?environment=prod', signals });
    await screen.findByText('app-00000');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('app-00050');
    await userEvent.click(within(rowOf('app-00051')).getByRole('checkbox'));
    const pageQuery = { limit: 50, fields: TABLE_FIELDS, environment: 'prod', cursor: '50' };
    expect(lastQuery(api)).toEqual(pageQuery);
    const callsBefore = api.listApplications.mock.calls.length;

    // Progress of a running sync changes no row.
    signals.publish({
      entityRef: 'application:default/app-00051',
      operation: { id: 'op-1', phase: 'Running' },
      progress: { id: 0, time: '2024-01-01T10:00:00Z', resourceKey: 'apps/Deployment/shop/web', status: 'Running' },
    });
    expect(api.listApplications).toHaveBeenCalledTimes(callsBefore);

    syncOf.set('app-00051', 'OutOfSync');
    signals.publish({ entityRef: 'application:default/app-00051', sync: 'OutOfSync', health: 'Healthy' });
    await waitFor(() => expect(within(rowOf('app-00051')).getByText('OutOfSync')).toBeInTheDocument());
    expect(api.listApplications).toHaveBeenCalledTimes(callsBefore + 1);
    expect(lastQuery(api)).toEqual(pageQuery);
    expect(screen.getByText('51-100 of 10000')).toBeInTheDocument();
    expect(screen.getByLabelText('Environment')).toHaveValue('prod');
    expect(within(rowOf('app-00051')).getByRole('checkbox')).toBeChecked();
    expect(within(rowOf('app-00050')).getByRole('checkbox')).not.toBeChecked();
  });

  it('folds a burst of signals into at most two refreshes, the last change included', async () => {
    const syncOf = new Map<string, SyncStatusCode>();
    const api = pagedApi(syncOf);
    const signals = fakeSignalApi();
    await renderPage(api, { signals });
    await screen.findByText('app-00000');
    const callsBefore = api.listApplications.mock.calls.length;

    // A bulk sync of 300 applications; the change on this page comes last.
    for (let i = 0; i < 300; i++) {
      if (i === 299) syncOf.set('app-00002', 'OutOfSync');
      signals.publish({ entityRef: `application:default/bulk-${i}`, sync: 'Synced', health: 'Healthy' });
    }
    await waitFor(() => expect(within(rowOf('app-00002')).getByText('OutOfSync')).toBeInTheDocument(), { timeout: 5000 });
    // Longer than the least interval between refreshes: no refresh is left over.
    await new Promise(resolve => setTimeout(resolve, 1500));
    const refreshes = api.listApplications.mock.calls.slice(callsBefore);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.length).toBeLessThanOrEqual(2);
    expect(refreshes.every(([query]) => JSON.stringify(query) === JSON.stringify({ limit: 50, fields: TABLE_FIELDS }))).toBe(true);
  });
});
