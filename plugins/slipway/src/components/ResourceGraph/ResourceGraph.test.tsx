import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dagre from '@dagrejs/dagre';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { ResourceDetailResponse, ResourceKey } from '@slipway/plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { paymentsTree } from './__fixtures__/resourceTrees';
import { ResourceGraph } from './ResourceGraph';
import { NODE_HEIGHT, NODE_WIDTH } from './ResourceNode';

// jsdom does not lay out SVG; the graph measures nodes with getBBox.
beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    writable: true,
    value: () => ({ x: 0, y: 0, width: 220, height: 58 }),
  });
});

const secretDetail: ResourceDetailResponse = {
  key: { group: '', kind: 'Secret', namespace: 'payments', name: 'payments-db' },
  live: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'payments-db', namespace: 'payments' }, data: { password: '++++++++' } },
  desired: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'payments-db', namespace: 'payments' }, data: { password: '++++++++++++' } },
  diff: '--- live\n+++ desired\n@@ -3 +3 @@\n-  password: ++++++++\n+  password: ++++++++++++\n',
  events: [{ type: 'Warning', reason: 'FailedMount', message: 'secret "payments-db" not found', count: 3 }],
};

function mockApi(overrides: Partial<SlipwayApi> = {}) {
  return {
    getResourceTree: jest.fn(async () => ({ nodes: paymentsTree })),
    getResource: jest.fn(async (_ref: string, _key: ResourceKey) => secretDetail),
    getResourceActions: jest.fn(async () => ({ actions: [] })),
    ...overrides,
  } as unknown as SlipwayApi & { getResourceTree: jest.Mock; getResource: jest.Mock };
}

async function renderGraph(api: SlipwayApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api], [permissionApiRef, mockApis.permission()]]}>
      <ResourceGraph application={{ entityRef: 'application:default/payments-prod', name: 'payments-prod', health: 'Degraded', sync: 'OutOfSync' }} />
    </TestApiProvider>,
  );
}

// Component tests with MUI menus and the lazy graph are slow on a busy machine.
jest.setTimeout(30_000);

/** The text of the code snippet in the drawer (highlighting splits it into spans). */
const codeIn = (element: HTMLElement) => element.querySelector('code')?.textContent ?? '';

const resourceNodes = () => screen.queryAllByTestId(/^resource-node-/);

describe('ResourceGraph', () => {
  it('draws the application and every resource with kind, name, health and sync', async () => {
    const api = mockApi();
    await renderGraph(api);
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
    expect(api.getResourceTree).toHaveBeenCalledWith('application:default/payments-prod');

    const pod = screen.getByTestId('resource-node-/Pod/payments/payments-7d9f-b2');
    expect(pod).toHaveAttribute('aria-label', 'Pod payments-7d9f-b2: health Degraded');
    expect(pod).toHaveTextContent('Back-off restarting failed container payments');
    // the reason is written in the node itself, not only in its tooltip
    expect(within(pod).getByTestId('health-reason')).toHaveTextContent('Back-off restarting failed contain…');
    const healthyNodes = resourceNodes().filter(n => n.getAttribute('aria-label')?.includes('health Healthy'));
    expect(healthyNodes.length).toBeGreaterThan(0);
    healthyNodes.forEach(n => expect(within(n).queryByTestId('health-reason')).toBeNull());
    const config = screen.getByTestId('resource-node-/ConfigMap/payments/payments-config');
    expect(within(config).getByText('OutOfSync')).toBeInTheDocument();
    expect(screen.getByText(`${paymentsTree.length} resources`)).toBeInTheDocument();
    // One edge per resource, from its owner or the application.
    await waitFor(() => expect(screen.getAllByTestId('resource-edge')).toHaveLength(paymentsTree.length));
  });

  it('lays the graph out in columns by depth: a resource without children sits beside the other managed resources', async () => {
    await renderGraph(mockApi());
    // The column of a node: the x of the translate the graph puts around what the node renders.
    const column = (id: string) => {
      const transform = screen.getByTestId(`resource-node-${id}`).parentElement?.getAttribute('transform') ?? '';
      return Number(/translate\(([-\d.]+),/.exec(transform)?.[1]);
    };
    await waitFor(() => {
      const deployment = column('apps/Deployment/payments/payments');
      expect(column('/ConfigMap/payments/payments-config')).toBe(deployment);
      expect(column('/Secret/payments/payments-db')).toBe(deployment);
      expect(column('apps/ReplicaSet/payments/payments-7d9f')).toBeGreaterThan(deployment);
      expect(column('/Pod/payments/payments-7d9f-a1')).toBeGreaterThan(column('apps/ReplicaSet/payments/payments-7d9f'));
      expect(column('application')).toBeLessThan(deployment);
    });
  });

  it('lays the graph out once, with the size every node has, instead of measuring the nodes first', async () => {
    const getBBox = jest
      .spyOn(window.SVGElement.prototype as SVGGraphicsElement, 'getBBox')
      .mockReturnValue({ x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT } as DOMRect);
    const layout = jest.spyOn(dagre, 'layout');
    try {
      await renderGraph(mockApi());
      await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
      // nodes sit side by side in their column from the first layout on: none overlaps the next
      const top = (id: string) => {
        const transform = screen.getByTestId(`resource-node-${id}`).parentElement?.getAttribute('transform') ?? '';
        return Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(transform)?.[1]);
      };
      const tops = ['/ConfigMap/payments/payments-config', '/Secret/payments/payments-db'].map(top);
      expect(Math.abs(tops[0] - tops[1])).toBeGreaterThanOrEqual(NODE_HEIGHT);
      // (the empty graph that loads the graph's code while the tree is fetched has nothing to lay out)
      const layoutsOfResources = layout.mock.calls.filter(([graph]) => graph.nodeCount() > 0);
      expect(layoutsOfResources).toHaveLength(1);
    } finally {
      layout.mockRestore();
      getBBox.mockRestore();
    }
  });

  it('narrows the graph with the kind filter', async () => {
    await renderGraph(mockApi());
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));

    await userEvent.click(screen.getByLabelText('Kind'));
    await userEvent.click(await screen.findByRole('option', { name: 'Pod' }));
    await userEvent.keyboard('{Escape}');

    await waitFor(() => expect(resourceNodes()).toHaveLength(3));
    expect(screen.getByText(`Showing 2 of ${paymentsTree.length} resources`)).toBeInTheDocument();
    expect(screen.queryByTestId('resource-node-apps/Deployment/payments/payments')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
  });

  it('opens a drawer with the masked Secret, its diff and events when a node is clicked', async () => {
    const api = mockApi();
    await renderGraph(api);
    await userEvent.click(await screen.findByTestId('resource-node-/Secret/payments/payments-db'));

    const drawer = await screen.findByRole('region', { name: 'Secret payments-db' });
    expect(api.getResource).toHaveBeenCalledWith('application:default/payments-prod', {
      group: '',
      kind: 'Secret',
      namespace: 'payments',
      name: 'payments-db',
    });
    await waitFor(() => expect(codeIn(drawer)).toMatch(/^ {2}password: \+{8}$/m));
    expect(within(drawer).getByText(/Secret values are masked/)).toBeInTheDocument();

    await userEvent.click(within(drawer).getByRole('tab', { name: 'Desired manifest' }));
    await waitFor(() => expect(codeIn(drawer)).toMatch(/^ {2}password: \+{12}$/m));

    await userEvent.click(within(drawer).getByRole('tab', { name: 'Diff' }));
    await waitFor(() => expect(codeIn(drawer)).toMatch(/^- {2}password: \+{8}\n\+ {2}password: \+{12}$/m));

    await userEvent.click(within(drawer).getByRole('tab', { name: 'Events' }));
    expect(within(drawer).getByText('secret "payments-db" not found')).toBeInTheDocument();

    await userEvent.click(within(drawer).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Secret payments-db' })).not.toBeInTheDocument());
  });

  it("loads the graph's code while the tree is still on its way, without showing an empty graph", async () => {
    // the tree never arrives
    await renderGraph(mockApi({ getResourceTree: jest.fn(() => new Promise(() => {})) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    const preload = screen.getByTestId('resource-graph-preload');
    expect(preload).not.toBeVisible();
    // the lazily loaded graph has rendered (its code is there) while the progress bar still shows
    await waitFor(() => expect(preload.querySelector('svg')).not.toBeNull());
    expect(resourceNodes()).toHaveLength(0);
  });

  it('tells what to do when the application has no resources yet', async () => {
    await renderGraph(mockApi({ getResourceTree: jest.fn(async () => ({ nodes: [] })) }));
    expect(await screen.findByText('No resources for payments-prod yet')).toBeInTheDocument();
    expect(screen.getByText(/after the first reconcile/)).toBeInTheDocument();
  });

  it('names the application and offers a retry when the tree cannot be loaded', async () => {
    const getResourceTree = jest
      .fn()
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
      .mockResolvedValue({ nodes: paymentsTree });
    await renderGraph(mockApi({ getResourceTree }));
    expect(await screen.findByText(/Could not load the resources of payments-prod/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
  });

  it('offers the orphaned resources of the namespace behind a switch, and draws them marked', async () => {
    const orphan = { group: '', kind: 'ConfigMap', namespace: 'payments', name: 'by-hand', apiVersion: 'v1', managed: false, orphaned: true, parents: [] };
    await renderGraph(mockApi({ getResourceTree: jest.fn(async () => ({ nodes: [...paymentsTree, orphan] })) } as Partial<SlipwayApi>));
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
    expect(screen.queryByTestId('resource-node-/ConfigMap/payments/by-hand')).toBeNull();
    expect(screen.getByText(`${paymentsTree.length} resources`)).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Orphaned resources (1)'));
    const node = await screen.findByTestId('resource-node-/ConfigMap/payments/by-hand');
    expect(node).toHaveTextContent('ConfigMap · orphaned');
    expect(node.querySelector('rect')).toHaveAttribute('stroke-dasharray', '6 4');
    expect(screen.getByText(`${paymentsTree.length + 1} resources`)).toBeInTheDocument();
  });

  it('shows no orphan switch when the tree has none', async () => {
    await renderGraph(mockApi());
    await waitFor(() => expect(resourceNodes()).toHaveLength(paymentsTree.length + 1));
    expect(screen.queryByLabelText(/Orphaned resources/)).toBeNull();
  });
});
