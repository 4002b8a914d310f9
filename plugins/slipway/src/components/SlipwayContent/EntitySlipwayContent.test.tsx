import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { paymentsTree } from '../ResourceGraph/__fixtures__/resourceTrees';
import { EntitySlipwayContent } from './EntitySlipwayContent';

jest.setTimeout(30_000);

beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 220, height: 58 }),
  });
});

const app = (name: string, environment: string): SlipwayApplication => ({
  entityRef: `application:default/${name}`,
  name,
  environment,
  cluster: 'in-cluster',
  destinationNamespace: 'payments',
  sync: { status: 'Synced' },
  health: { status: 'Healthy' },
  conditions: [],
  syncPolicy: { automated: true, prune: true, selfHeal: true },
});

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const application: Entity = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'payments-prod', namespace: 'default' },
};

function mockApi() {
  return {
    listApplications: jest.fn(async () => ({ items: [app('payments-prod', 'prod'), app('payments-dev', 'dev')], totalCount: 2 })),
    getApplication: jest.fn(async (ref: string) => (ref === 'application:default/payments-prod' ? app('payments-prod', 'prod') : undefined)),
    getResourceTree: jest.fn(async (ref: string) => ({
      nodes: ref.endsWith('payments-dev') ? paymentsTree.slice(0, 1) : paymentsTree,
    })),
  } as unknown as SlipwayApi & Record<'listApplications' | 'getApplication' | 'getResourceTree', jest.Mock>;
}

async function renderFor(entity: Entity, api: SlipwayApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntitySlipwayContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const resourceNodes = () => screen.queryAllByTestId(/^resource-node-/);

describe('EntitySlipwayContent', () => {
  it("shows a Component's applications one environment at a time, dev before prod", async () => {
    const api = mockApi();
    await renderFor(component, api);

    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual(['dev', 'prod']);
    expect(api.listApplications).toHaveBeenCalledWith({ component: 'component:default/payments' });
    expect(await screen.findByText('Resources of payments-dev')).toBeInTheDocument();
    await waitFor(() => expect(resourceNodes()).toHaveLength(2));

    await userEvent.click(screen.getByRole('tab', { name: 'prod' }));
    expect(await screen.findByText('Resources of payments-prod')).toBeInTheDocument();
    expect(screen.getByText('prod · in-cluster/payments')).toBeInTheDocument();
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
    expect(api.getResourceTree).toHaveBeenCalledWith('application:default/payments-prod');
  });

  it('shows the graph of the application itself on an Application page', async () => {
    const api = mockApi();
    await renderFor(application, api);
    expect(await screen.findByText('Resources of payments-prod')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(api.getApplication).toHaveBeenCalledWith('application:default/payments-prod');
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
  });

  it('explains how an application gets here when there is none', async () => {
    const api = mockApi();
    api.listApplications.mockResolvedValue({ items: [], totalCount: 0 });
    await renderFor(component, api);
    expect(await screen.findByText('Slipway knows no application of payments yet')).toBeInTheDocument();
    expect(screen.getByText(/slipway.io\/component annotation/)).toBeInTheDocument();
  });
});
