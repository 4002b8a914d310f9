import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { ResourceDeleteButton } from './ResourceDeleteButton';

jest.setTimeout(30_000);

const POD: ResourceKey = {
  group: '',
  kind: 'Pod',
  namespace: 'shop',
  name: 'web-7c-abc',
};

function setup(app: string, allow = true) {
  const api = { deleteResource: jest.fn(async () => ({ deleted: POD })) };
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  const permission = mockApis.permission({
    authorize: request =>
      request.permission.name === 'slipway.application.delete' && !allow
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const onDone = jest.fn();
  const render = () =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [slipwayApiRef, api as unknown as SlipwayApi],
          [permissionApiRef, permission],
          [alertApiRef, alerts],
        ]}
      >
        <ResourceDeleteButton entityRef={app} resource={POD} onDone={onDone} />
      </TestApiProvider>,
    );
  return { api, alerts, onDone, render };
}

describe('ResourceDeleteButton', () => {
  it('deletes the resource with the chosen propagation policy once confirmed', async () => {
    const t = setup('application:default/web');
    await t.render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    expect(
      await screen.findByText('Delete Pod web-7c-abc from the cluster?'),
    ).toBeInTheDocument();
    expect(t.api.deleteResource).not.toHaveBeenCalled();
    await userEvent.click(screen.getByLabelText(/^Background/));
    await userEvent.click(screen.getByRole('button', { name: 'Delete Pod' }));
    await waitFor(() =>
      expect(t.api.deleteResource).toHaveBeenCalledWith(
        'application:default/web',
        POD,
        'background',
      ),
    );
    await waitFor(() => expect(t.onDone).toHaveBeenCalled());
    expect(t.alerts.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Pod web-7c-abc deleted',
        severity: 'success',
      }),
    );
  });

  it('is not shown to a user the policy does not allow to delete', async () => {
    // another application: permission decisions are cached per permission and resource
    const t = setup('application:default/locked', false);
    await t.render();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });
});
