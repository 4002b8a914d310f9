import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { HistoryItem, SlipwayApplication } from '@slipway/plugin-slipway-common';
import { application, mockSlipwayApi } from '../../hooks/testFixtures';
import { recordingAlertApi, renderEntityCard } from '../__testUtils__/renderEntityCard';
import { EntitySlipwayHistoryCard } from './EntitySlipwayHistoryCard';

// Tables and dialogs of material-ui render slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

const alertApi = recordingAlertApi();

function renderCard(
  api: ReturnType<typeof mockSlipwayApi>,
  authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderEntityCard(<EntitySlipwayHistoryCard />, api, { authorize, alertApi });
}

function deployment(id: number, revision: string, deployedAt: string, message: string): HistoryItem {
  return {
    id,
    revision,
    source: {},
    initiator: 'user:default/ada',
    deployedAt,
    commitAuthor: 'Ada Lovelace',
    commitMessage: message,
    operationId: `op-${id}`,
  };
}

/** One application whose history has two deployments, the newer one current. */
function withHistory(app: SlipwayApplication, api: ReturnType<typeof mockSlipwayApi>) {
  api.listApplications.mockResolvedValue({ items: [app], totalCount: 1 });
  api.getHistory.mockResolvedValue({
    items: [
      deployment(1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '2024-01-01T10:00:00Z', 'Release 1.4.1'),
      deployment(2, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '2024-01-02T10:00:00Z', 'Release 1.4.2'),
    ],
  });
  api.listOperations.mockResolvedValue({
    items: [
      { ...app.operation!, id: 'op-1', phase: 'Succeeded' },
      { ...app.operation!, id: 'op-2', phase: 'Failed', message: 'Deployment payments: progress deadline exceeded' },
    ],
  });
}

/** Manual sync, so rollback is possible (Argo CD refuses it under auto-sync). */
const manual = (environment: string) =>
  application(environment, { syncPolicy: { automated: false, prune: false, selfHeal: false } });

describe('EntitySlipwayHistoryCard', () => {
  beforeEach(() => alertApi.post.mockReset());

  it('lists deployments newest first with revision, author, message, time and result', async () => {
    const api = mockSlipwayApi();
    withHistory(manual('prod'), api);
    await renderCard(api);
    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]).getByText('bbbbbbb')).toBeInTheDocument();
    expect(within(rows[1]).getByText('running now')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Release 1.4.2')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Failed')).toBeInTheDocument();
    expect(within(rows[1]).getByText('sync: Deployment payments: progress deadline exceeded')).toBeInTheDocument();
    expect(within(rows[1]).getByText('by ada')).toBeInTheDocument();
    expect(within(rows[2]).getByText('aaaaaaa')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Succeeded')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith('application:default/payments-prod');
  });

  it('rolls back after confirmation', async () => {
    const api = mockSlipwayApi();
    withHistory(manual('prod'), api);
    api.rollback.mockResolvedValue({ operation: { ...manual('prod').operation!, kind: 'rollback', phase: 'Queued' } });
    await renderCard(api);
    const button = await screen.findByLabelText('Roll back prod to deployment 1');
    // The newest deployment is what runs now: nothing to roll back to.
    expect(screen.getByLabelText('Roll back prod to deployment 2')).toBeDisabled();
    await userEvent.click(button);
    const dialog = (await screen.findByText('Roll back payments-prod (prod)?')).closest('[role="dialog"]') as HTMLElement;
    expect(dialog).toHaveTextContent('payments-prod (prod) will run revision aaaaaaa ("Release 1.4.1") again');
    expect(api.rollback).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByText('Roll back'));
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith('application:default/payments-prod', { historyId: 1, prune: false }),
    );
  });

  it('does not roll back when the confirmation is cancelled', async () => {
    const api = mockSlipwayApi();
    withHistory(manual('qa'), api);
    await renderCard(api);
    await userEvent.click(await screen.findByLabelText('Roll back qa to deployment 1'));
    await userEvent.click(await screen.findByText('Cancel'));
    await waitFor(() => expect(screen.queryByText('Roll back payments-qa (qa)?')).not.toBeInTheDocument());
    expect(api.rollback).not.toHaveBeenCalled();
  });

  it('shows why the backend refused a rollback in the dialog', async () => {
    const api = mockSlipwayApi();
    withHistory(manual('dev'), api);
    const reason = 'Cannot roll back application:default/payments-dev: operation op-9 (sync by automated) is running';
    api.rollback.mockRejectedValue(
      Object.assign(new Error(`Request failed with 409 Conflict: ${reason}`), {
        statusCode: 409,
        cause: { name: 'OperationConflictError', message: reason },
      }),
    );
    await renderCard(api);
    await userEvent.click(await screen.findByLabelText('Roll back dev to deployment 1'));
    await userEvent.click(await screen.findByText('Roll back'));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Cannot roll back payments-dev (dev) now. ${reason}`);
  });

  it('offers no rollback under auto-sync, which would undo it', async () => {
    const api = mockSlipwayApi();
    withHistory(application('staging'), api);
    await renderCard(api);
    expect(await screen.findByLabelText('Roll back staging to deployment 1')).toBeDisabled();
  });

  // usePermission caches per permission and resource (SWR): this test has its own environment.
  it('hides Rollback from users without the rollback permission', async () => {
    const api = mockSlipwayApi();
    withHistory(manual('uat'), api);
    await renderCard(api, AuthorizeResult.DENY);
    expect(await screen.findByText('aaaaaaa')).toBeInTheDocument();
    expect(screen.queryByLabelText(/Roll back/)).not.toBeInTheDocument();
  });

  it('says how deployments appear when there are none', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [manual('dev')], totalCount: 1 });
    api.getHistory.mockResolvedValue({ items: [] });
    api.listOperations.mockResolvedValue({ items: [] });
    await renderCard(api);
    expect(await screen.findByText('No deployments of payments yet')).toBeInTheDocument();
  });

  it('names the component and the next step when loading fails', async () => {
    const api = mockSlipwayApi();
    api.listApplications.mockResolvedValue({ items: [manual('dev')], totalCount: 1 });
    api.getHistory.mockRejectedValue(new Error('500 Internal Server Error'));
    api.listOperations.mockResolvedValue({ items: [] });
    await renderCard(api);
    expect(await screen.findByText(/Could not load the deployment history of payments/)).toBeInTheDocument();
  });
});
