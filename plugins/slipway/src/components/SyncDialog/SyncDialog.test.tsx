import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { SlipwayResourceNode } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { application, mockSlipwayApi } from '../../hooks/testFixtures';
import { SyncDialog } from './SyncDialog';

// Tables and dialogs of material-ui render slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

function node(kind: string, name: string, group = '', managed = true): SlipwayResourceNode {
  return { group, kind, namespace: 'payments-dev', name, apiVersion: 'v1', parents: [], managed };
}

const tree = {
  nodes: [
    node('ConfigMap', 'settings'),
    node('Deployment', 'payments', 'apps'),
    node('ReplicaSet', 'payments-5d9f', 'apps', false),
  ],
};

async function renderDialog(api: ReturnType<typeof mockSlipwayApi>) {
  const onStarted = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>
      <SyncDialog application={application('dev')} open onClose={onClose} onStarted={onStarted} />
    </TestApiProvider>,
  );
  return { onStarted, onClose };
}

describe('SyncDialog', () => {
  it('syncs everything with the default revision when nothing is changed', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockResolvedValue(tree);
    const accepted = { operation: { ...application('dev').operation!, phase: 'Queued' as const } };
    api.sync.mockResolvedValue(accepted);
    const { onStarted, onClose } = await renderDialog(api);
    // Only managed resources can be chosen; owned children follow their owner.
    expect(await screen.findByLabelText('Deployment/payments (payments-dev)')).toBeChecked();
    expect(screen.queryByLabelText(/ReplicaSet/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    await waitFor(() =>
      expect(api.sync).toHaveBeenCalledWith('application:default/payments-dev', {
        prune: false,
        dryRun: false,
      }),
    );
    expect(onStarted).toHaveBeenCalledWith(accepted.operation);
    expect(onClose).toHaveBeenCalled();
  });

  it('sends the chosen revision, prune, dry run and resources', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockResolvedValue(tree);
    api.sync.mockResolvedValue({ operation: application('dev').operation! });
    await renderDialog(api);
    await userEvent.click(await screen.findByLabelText('ConfigMap/settings (payments-dev)'));
    await userEvent.type(screen.getByLabelText('Revision'), ' v1.4.2 ');
    await userEvent.click(screen.getByLabelText(/^Prune/));
    await userEvent.click(screen.getByLabelText(/^Dry run/));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await waitFor(() =>
      expect(api.sync).toHaveBeenCalledWith('application:default/payments-dev', {
        revision: 'v1.4.2',
        prune: true,
        dryRun: true,
        resources: [{ group: 'apps', kind: 'Deployment', namespace: 'payments-dev', name: 'payments' }],
      }),
    );
  });

  it('offers to confirm the pruning of Prune=confirm resources once prune is chosen, and sends it', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockResolvedValue(tree);
    api.sync.mockResolvedValue({ operation: application('dev').operation! });
    await renderDialog(api);
    await screen.findByLabelText('ConfigMap/settings (payments-dev)');
    expect(screen.queryByLabelText(/Prune=confirm/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText(/^Prune/));
    await userEvent.click(screen.getByLabelText('Confirm pruning of resources marked Prune=confirm'));
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    await waitFor(() =>
      expect(api.sync).toHaveBeenCalledWith('application:default/payments-dev', { prune: true, dryRun: false, confirmPrune: true }),
    );
  });

  it('cannot submit when no resource is chosen', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockResolvedValue(tree);
    await renderDialog(api);
    await userEvent.click(await screen.findByLabelText('All resources'));
    expect(screen.getByLabelText('Deployment/payments (payments-dev)')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Sync' })).toBeDisabled();
  });

  it('explains a conflict with the running operation and stays open', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockResolvedValue(tree);
    const reason =
      'Cannot sync application:default/payments-dev: operation op-7 (sync by user:default/ada) is running; wait for it to finish, or terminate it';
    // As SlipwayClient throws it: a ResponseError whose cause is the backend's error.
    api.sync.mockRejectedValue(
      Object.assign(new Error(`Request failed with 409 Conflict: ${reason}`), {
        statusCode: 409,
        cause: { name: 'OperationConflictError', message: reason },
      }),
    );
    const { onStarted, onClose } = await renderDialog(api);
    await screen.findByLabelText('All resources');
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Cannot sync payments-dev (dev) now. ${reason}`);
    expect(onStarted).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('still allows a full sync when the resource tree cannot be read', async () => {
    const api = mockSlipwayApi();
    api.getResourceTree.mockRejectedValue(new Error('cluster unreachable'));
    api.sync.mockResolvedValue({ operation: application('dev').operation! });
    await renderDialog(api);
    expect(await screen.findByText(/Could not load the resource tree \(cluster unreachable\)/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sync' }));
    await waitFor(() =>
      expect(api.sync).toHaveBeenCalledWith('application:default/payments-dev', {
        prune: false,
        dryRun: false,
      }),
    );
  });
});
