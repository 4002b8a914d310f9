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
import type {
  ResourceActionSummary,
  ResourceKey,
} from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { ResourceActionsMenu } from './ResourceActionsMenu';

jest.setTimeout(30_000);

const APP = 'application:default/web';
const DEPLOYMENT: ResourceKey = {
  group: 'apps',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
};

function setup(
  options: {
    allow?: boolean;
    run?: () => Promise<unknown>;
    app?: string;
    resource?: ResourceKey;
    actions?: ResourceActionSummary[];
  } = {},
) {
  const app = options.app ?? APP;
  const resource = options.resource ?? DEPLOYMENT;
  const api = {
    getResourceActions: jest.fn(async () => ({
      actions: options.actions ?? [
        { name: 'restart', disabled: false },
        { name: 'pause', disabled: false },
        { name: 'resume', disabled: true },
      ],
    })),
    runResourceAction: jest.fn(
      options.run ??
        (async () => ({
          action: 'restart',
          changes: [{ operation: 'patch', resource: DEPLOYMENT }],
        })),
    ),
  };
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  const permission = mockApis.permission({
    authorize: request =>
      request.permission.name === 'slipway.application.action' &&
      options.allow === false
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
        <ResourceActionsMenu
          entityRef={app}
          resource={resource}
          onDone={onDone}
        />
      </TestApiProvider>,
    );
  return { api, alerts, onDone, render };
}

describe('ResourceActionsMenu', () => {
  it('lists the actions of the resource, disabled where they do not apply, and runs one after confirmation', async () => {
    const t = setup();
    await t.render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions' }),
    );
    expect(t.api.getResourceActions).toHaveBeenCalledWith(APP, DEPLOYMENT);
    expect(screen.getByRole('menuitem', { name: 'resume' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await userEvent.click(screen.getByRole('menuitem', { name: 'restart' }));
    expect(
      await screen.findByText('Run restart on Deployment web?'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/replaces every pod, one by one/),
    ).toBeInTheDocument();
    expect(t.api.runResourceAction).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Run restart' }));
    await waitFor(() =>
      expect(t.api.runResourceAction).toHaveBeenCalledWith(
        APP,
        DEPLOYMENT,
        'restart',
        undefined,
      ),
    );
    await waitFor(() => expect(t.onDone).toHaveBeenCalled());
    expect(t.alerts.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'restart ran on Deployment web',
        severity: 'success',
      }),
    );
  });

  it('asks for the value of an action that takes one, starting from its default, and refuses what its pattern refuses', async () => {
    const t = setup({
      actions: [
        {
          name: 'scale',
          disabled: false,
          hasParameters: true,
          defaultValue: '2',
          regexp: '^[1-9][0-9]*$',
          errorMessage: 'Enter any valid number more than 0',
        },
        {
          name: 'create-workflow',
          displayName: 'Create Workflow',
          disabled: false,
        },
      ],
      run: async () => ({
        action: 'scale',
        parameters: { scale: '5' },
        changes: [{ operation: 'patch', resource: DEPLOYMENT }],
      }),
    });
    await t.render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions' }),
    );
    // a display name shows in place of the name
    expect(
      screen.getByRole('menuitem', { name: 'Create Workflow' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('menuitem', { name: 'scale' }));
    const field = await screen.findByLabelText('Value for scale');
    expect(field).toHaveValue('2');
    expect(screen.getByText(/sets the number of replicas/)).toBeInTheDocument();

    await userEvent.clear(field);
    await userEvent.type(field, '0');
    expect(
      screen.getByText('Enter any valid number more than 0'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run scale' })).toBeDisabled();

    await userEvent.clear(field);
    await userEvent.type(field, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Run scale' }));
    await waitFor(() =>
      expect(t.api.runResourceAction).toHaveBeenCalledWith(
        APP,
        DEPLOYMENT,
        'scale',
        { scale: '5' },
      ),
    );
  });

  it("explains an Argo Rollouts action as the Rollout's own", async () => {
    const t = setup({
      resource: {
        group: 'argoproj.io',
        kind: 'Rollout',
        namespace: 'shop',
        name: 'web',
      },
    });
    await t.render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'pause' }));
    expect(
      await screen.findByText(/stops the rollout at its current step/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/stops rolling out changes of the pod template/),
    ).not.toBeInTheDocument();
  });

  it('says why an action failed, naming it and the resource', async () => {
    const t = setup({
      run: async () =>
        Promise.reject(
          new Error(
            "action 'pause' does not apply to Deployment shop/web: it is paused already",
          ),
        ),
    });
    await t.render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'pause' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run pause' }),
    );
    await waitFor(() =>
      expect(t.alerts.post).toHaveBeenCalledWith({
        message:
          "Could not run pause on Deployment web: action 'pause' does not apply to Deployment shop/web: it is paused already",
        severity: 'error',
      }),
    );
    expect(t.onDone).not.toHaveBeenCalled();
  });

  it('shows nothing to a user the policy does not allow to run actions', async () => {
    // another application: permission decisions are cached per permission and resource
    const t = setup({ allow: false, app: 'application:default/locked' });
    await t.render();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(screen.queryByRole('button', { name: 'Actions' })).toBeNull();
    expect(t.api.getResourceActions).not.toHaveBeenCalled();
  });
});
