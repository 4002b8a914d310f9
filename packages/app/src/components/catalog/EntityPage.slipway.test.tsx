import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { configApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import { ScmIntegrationsApi, scmIntegrationsApiRef } from '@backstage/integration-react';
import { catalogPlugin, DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { catalogGraphRouteRef } from '@backstage/plugin-catalog-graph';
import {
  catalogApiRef,
  entityPresentationApiRef,
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { SlipwayApi, slipwayApiRef } from '@slipway/plugin-slipway';
import { entityPage } from './EntityPage';

jest.setTimeout(60_000);

// jsdom does not lay out SVG; the overview's catalog graph card measures its nodes with getBBox
// (it renders when its lazy chunk arrives, which on a busy machine is within the test).
beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
  });
});

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  relations: [{ type: 'dependsOn', targetRef: 'application:default/payments-dev' }],
};

function slipwayApi(): SlipwayApi {
  const none = async () => ({ items: [] });
  return {
    listApplications: async () => ({ items: [], totalCount: 0 }),
    getApplication: async () => undefined,
    getResourceTree: async () => ({ nodes: [] }),
    getResource: async () => {
      throw new Error('not used');
    },
    getResourceActions: async () => ({ actions: [] }),
    runResourceAction: async () => {
      throw new Error('not used');
    },
    deleteResource: async () => {
      throw new Error('not used');
    },
    getHistory: none,
    getVersions: none,
    listOperations: none,
    getOperationEvents: none,
    sync: async () => {
      throw new Error('not used');
    },
    rollback: async () => {
      throw new Error('not used');
    },
    refresh: async () => {},
    terminateOperation: async () => {
      throw new Error('not used');
    },
  };
}

const config = mockApis.config({ data: { backend: { baseUrl: 'http://localhost:7007' } } });

async function renderEntityPage(entity: Entity) {
  const catalogApi = catalogApiMock({ entities: [entity] });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, config],
        [discoveryApiRef, mockApis.discovery()],
        [scmIntegrationsApiRef, ScmIntegrationsApi.fromConfig(config)],
        [catalogApiRef, catalogApi],
        [entityPresentationApiRef, DefaultEntityPresentationApi.create({ catalogApi })],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [permissionApiRef, mockApis.permission()],
        [slipwayApiRef, slipwayApi()],
      ]}
    >
      <EntityProvider entity={entity}>{entityPage}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/catalog-graph': catalogGraphRouteRef,
      },
    },
  );
}

describe('the entity page of a service', () => {
  it('shows the Slipway cards on the overview of a Component with Applications', async () => {
    await renderEntityPage(service);
    expect(await screen.findByText('Deployments')).toBeInTheDocument();
    expect(await screen.findByText('Versions by environment')).toBeInTheDocument();
    expect(await screen.findByText('Deployment history')).toBeInTheDocument();
  });

  it('leaves them out for a Component without Applications', async () => {
    await renderEntityPage({ ...service, relations: [] });
    expect(await screen.findByText('About')).toBeInTheDocument();
    expect(screen.queryByText('Deployments')).not.toBeInTheDocument();
    expect(screen.queryByText('Versions by environment')).not.toBeInTheDocument();
  });
});
