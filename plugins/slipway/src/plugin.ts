import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SlipwayClient, slipwayApiRef } from './api';

/**
 * Slipway's frontend plugin (legacy frontend system).
 * @public
 */
export const slipwayPlugin = createPlugin({
  id: 'slipway',
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
