import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { application, componentEntity, mockSlipwayApi } from '../../hooks/testFixtures';
import { Authorize, recordingAlertApi, renderEntityCard } from '../__testUtils__/renderEntityCard';
import { EntitySlipwayStatusCard } from './EntitySlipwayStatusCard';

// Tables and dialogs of material-ui render slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

const alertApi = recordingAlertApi();

beforeEach(() => alertApi.post.mockReset());

function renderCard(
  api: ReturnType<typeof mockSlipwayApi>,
  authorize: Authorize = AuthorizeResult.ALLOW,
  entity: Entity = componentEntity,
) {
  return renderEntityCard(<EntitySlipwayStatusCard />, api, { authorize, entity, alertApi });
}

describe('EntitySlipwayStatusCard', () => {
  it('shows a progress bar until the applications arrive', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockReturnValue(new Promise(() => {}));
    await renderCard(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.listApplications).toHaveBeenCalledWith({ component: 'component:default/payments' });
  });

  it('tells how to get applications when the component has none', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [], totalCount: 0 });
    await renderCard(api);
    expect(await screen.findByText('No Applications for payments')).toBeInTheDocument();
    expect(screen.getByText(/Register an ApplicationSet named payments/)).toBeInTheDocument();
  });

  it('names the component and what to check when loading fails', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockRejectedValue(new Error('connect ECONNREFUSED'));
    await renderCard(api);
    expect(
      await screen.findByText(/Could not load the Slipway applications of payments/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/ECONNREFUSED/).length).toBeGreaterThan(0);
  });

  it('shows one row per environment with status, revision and last sync', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({
      items: [
        application('prod', {
          health: { status: 'Degraded', message: 'Deployment payments: ImagePullBackOff' },
          sync: { status: 'OutOfSync' },
          syncPolicy: { automated: false, prune: false, selfHeal: false },
          syncWindow: { allowed: false, manualAllowed: false, reason: 'deny window freeze' },
          conditions: [
            { type: 'ComparisonError', message: 'path overlays/prod does not exist in revision main; fix the source path' },
          ],
        }),
        application('dev'),
      ],
      totalCount: 2,
    });
    await renderCard(api);
    const rows = await screen.findAllByRole('row');
    // header + dev first (environments in stage order) + prod
    expect(within(rows[1]).getByText('dev')).toBeInTheDocument();
    expect(within(rows[1]).getByText('dev-cluster / payments-dev')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Synced')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Healthy')).toBeInTheDocument();
    expect(within(rows[1]).getByText('auto-sync (prune)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('0123456').closest('a')).toHaveAttribute(
      'href',
      'https://git.example.com/payments/commit/0123456789abcdef0123456789abcdef01234567',
    );
    expect(within(rows[1]).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Bump payments to 1.4.2')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Succeeded')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/sync .* by ada/)).toBeInTheDocument();

    expect(within(rows[2]).getByText('prod')).toBeInTheDocument();
    expect(within(rows[2]).getByText('OutOfSync')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Degraded')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Deployment payments: ImagePullBackOff')).toBeInTheDocument();
    expect(within(rows[2]).getByText('manual sync')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('sync window closed (deny window freeze); manual syncs blocked'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText(
        'ComparisonError: path overlays/prod does not exist in revision main; fix the source path',
      ),
    ).toBeInTheDocument();
    // Manual syncs are blocked by the window: the Sync button says why instead of acting.
    expect(within(rows[2]).getByLabelText('Sync prod')).toBeDisabled();
  });

  it('never links a revision to a non-http commit url', async () => {
    const api = mockSlipwayApi();
    const app = application('dev');
    // eslint-disable-next-line no-script-url -- the hostile input under test
    app.commit!.url = 'javascript:alert(1)';
    api.listApplications.mockResolvedValue({ items: [app], totalCount: 1 });
    await renderCard(api);
    expect((await screen.findByText('0123456')).closest('a')).toBeNull();
  });

  // usePermission caches decisions per permission and resource across renders (SWR), so
  // each permission test uses environments of its own.
  it('offers Sync and Terminate only to users with the permissions', async () => {
    const running = application('staging', {
      operation: { ...application('staging').operation!, phase: 'Running', finishedAt: undefined },
    });
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [running], totalCount: 1 });
    api.getOperationEvents.mockResolvedValue({ items: [] });
    await renderCard(api, AuthorizeResult.DENY);
    expect(await screen.findByRole('button', { name: 'Refresh staging' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sync staging' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Terminate operation of staging' }),
    ).not.toBeInTheDocument();
  });

  it('decides the permissions per application entity', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({
      items: [application('qa'), application('uat')],
      totalCount: 2,
    });
    await renderCard(api, request =>
      'resourceRef' in request && request.resourceRef === 'application:default/payments-qa'
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    );
    expect(await screen.findByRole('button', { name: 'Sync qa' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Sync uat' })).not.toBeInTheDocument();
  });

  it('terminates a running operation for a permitted user and shows its progress by wave', async () => {
    const running = application('dev', {
      operation: { ...application('dev').operation!, phase: 'Running', finishedAt: undefined },
    });
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [running], totalCount: 1 });
    api.getOperationEvents.mockResolvedValue({
      items: [
        { id: 1, time: 't', wave: -1, resourceKey: '/ConfigMap/payments-dev/settings', status: 'Synced' },
        { id: 2, time: 't', wave: 0, resourceKey: 'apps/Deployment/payments-dev/payments', status: 'Running' },
      ],
    });
    api.terminateOperation.mockResolvedValue({ ...running.operation!, phase: 'Terminating' });
    await renderCard(api);
    expect(await screen.findByText('Wave -1: ConfigMap/settings Synced')).toBeInTheDocument();
    expect(screen.getByText('Wave 0: Deployment/payments Running')).toBeInTheDocument();
    // asks first; cancelling stops nothing
    await userEvent.click(screen.getByRole('button', { name: 'Terminate operation of dev' }));
    expect(await screen.findByText('Terminate the running sync of dev?')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByText('Terminate the running sync of dev?')).not.toBeInTheDocument());
    expect(api.terminateOperation).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Terminate operation of dev' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Terminate' }));
    await waitFor(() => expect(api.terminateOperation).toHaveBeenCalledWith('op-dev'));
    // Sync is not offered while an operation runs.
    expect(screen.getByRole('button', { name: 'Sync dev' })).toBeDisabled();
  });

  it('refreshes an application and says why a refresh failed', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [application('dev')], totalCount: 1 });
    api.refresh.mockRejectedValueOnce(
      Object.assign(new Error('backend unavailable'), { statusCode: 503 }),
    );
    await renderCard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh dev' }));
    await waitFor(() => expect(api.refresh).toHaveBeenCalledWith('application:default/payments-dev'));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: expect.stringMatching(/^Could not refresh payments-dev \(dev\): backend unavailable\. Try again/),
        severity: 'error',
      }),
    );
  });

  it('asks for a hard refresh from the refresh options', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [application('dev')], totalCount: 1 });
    api.refresh.mockResolvedValue(undefined);
    await renderCard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Refresh options of dev' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Hard refresh: render the manifests again' }));
    await waitFor(() =>
      expect(api.refresh).toHaveBeenCalledWith('application:default/payments-dev', { hard: true }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Hard refresh of dev queued',
        severity: 'success',
        display: 'transient',
      }),
    );
  });

  it('loads the one application of an Application entity', async () => {
    const api = mockSlipwayApi();
    api.getApplication.mockResolvedValue(application('prod'));
    await renderCard(api, AuthorizeResult.ALLOW, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'payments-prod', namespace: 'default' },
    });
    expect(await screen.findByText('prod')).toBeInTheDocument();
    expect(api.getApplication).toHaveBeenCalledWith('application:default/payments-prod');
  });
});
