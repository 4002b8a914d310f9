import SlipwayIcon from '@material-ui/icons/DirectionsBoat';
import {
  ApiBlueprint,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { SlipwayClient, slipwayApiRef } from '../api';
import { isSlipwayAvailable } from '../predicates';

/** The Slipway page's route in the new frontend system. @alpha */
export const slipwayRootRouteRef = createRouteRef();

/** The SlipwayApi, talking to the Slipway backend. @alpha */
export const slipwayApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: slipwayApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new SlipwayClient({ discoveryApi, fetchApi }),
    }),
});

/** The Slipway page at /slipway, with a navigation item. @alpha */
export const slipwayPage = PageBlueprint.make({
  params: {
    path: '/slipway',
    routeRef: slipwayRootRouteRef,
    title: 'Slipway',
    icon: <SlipwayIcon />,
    // The page brings its own header.
    noHeader: true,
    loader: () => import('../components/SlipwayPage').then(m => <m.SlipwayPage />),
  },
});

/** The Slipway tab (resource graph) on entities that have Slipway applications. @alpha */
export const slipwayEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'slipway',
    title: 'Slipway',
    filter: isSlipwayAvailable,
    loader: () => import('../components/SlipwayContent').then(m => <m.EntitySlipwayContent />),
  },
});

/** Status of the entity's applications per environment. @alpha */
export const slipwayStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: isSlipwayAvailable,
    loader: () => import('../components/StatusCard').then(m => <m.EntitySlipwayStatusCard />),
  },
});

/** Which image and chart versions run in which environment. @alpha */
export const slipwayVersionsCard = EntityCardBlueprint.make({
  name: 'versions',
  params: {
    filter: isSlipwayAvailable,
    loader: () => import('../components/VersionsTable').then(m => <m.EntitySlipwayVersionsTable />),
  },
});

/** Deployments with a permission-gated rollback. @alpha */
export const slipwayHistoryCard = EntityCardBlueprint.make({
  name: 'history',
  params: {
    filter: isSlipwayAvailable,
    loader: () => import('../components/HistoryCard').then(m => <m.EntitySlipwayHistoryCard />),
  },
});
