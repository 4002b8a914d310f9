import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SlipwayClient, slipwayApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * Slipway's frontend plugin (legacy frontend system).
 * @public
 */
export const slipwayPlugin = createPlugin({
  id: 'slipway',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: slipwayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new SlipwayClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Status of a Component's (or an Application's) applications in every
 * environment, with Sync, Refresh and Terminate for permitted users.
 * @public
 */
export const EntitySlipwayStatusCard = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayStatusCard',
    component: {
      lazy: () => import('./components/StatusCard').then(m => m.EntitySlipwayStatusCard),
    },
  }),
);

/**
 * Which version runs where: container images and Helm charts of a
 * Component's applications by environment, differences highlighted.
 * @public
 */
export const EntitySlipwayVersionsTable = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayVersionsTable',
    component: {
      lazy: () => import('./components/VersionsTable').then(m => m.EntitySlipwayVersionsTable),
    },
  }),
);

/**
 * Deployments of a Component's (or an Application's) applications with a
 * confirmed, permission-gated Rollback.
 * @public
 */
export const EntitySlipwayHistoryCard = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayHistoryCard',
    component: {
      lazy: () => import('./components/HistoryCard').then(m => m.EntitySlipwayHistoryCard),
    },
  }),
);

/**
 * The Slipway tab of an entity page: the resource graph of each
 * application (per environment), with filters and a drawer per resource.
 * @public
 */
export const EntitySlipwayContent = slipwayPlugin.provide(
  createComponentExtension({
    name: 'EntitySlipwayContent',
    component: {
      lazy: () => import('./components/SlipwayContent').then(m => m.EntitySlipwayContent),
    },
  }),
);

/**
 * The Slipway page: every application with server-side filters and
 * pagination, and a bulk sync.
 * @public
 */
export const SlipwayPage = slipwayPlugin.provide(
  createRoutableExtension({
    name: 'SlipwayPage',
    component: () => import('./components/SlipwayPage').then(m => m.SlipwayPage),
    mountPoint: rootRouteRef,
  }),
);
