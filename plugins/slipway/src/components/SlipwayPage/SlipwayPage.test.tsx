import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ListApplicationsQuery, SlipwayApplication } from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
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
 * keeping the test fast in jsdom.
 */
function pagedApi() {
  const listApplications = jest.fn(async (query: ListApplicationsQuery = {}) => {
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = Array.from({ length: 3 }, (_, i) => row(`app-${String(start + i).padStart(5, '0')}`));
    return { items, totalCount: 10_000, nextCursor: String(start + 50) };
  });
  return { listApplications } as unknown as SlipwayApi & { listApplications: jest.Mock };
}

async function renderPage(api: SlipwayApi, options: { permission?: ReturnType<typeof mockApis.permission>; url?: string } = {}) {
  await renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api], [permissionApiRef, options.permission ?? mockApis.permission()]]}>
      <SlipwayPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef }, routeEntries: [options.url ?? '/'] },
  );
}

const lastQuery = (api: { listApplications: jest.Mock }) => api.listApplications.mock.calls.at(-1)?.[0];

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
});
