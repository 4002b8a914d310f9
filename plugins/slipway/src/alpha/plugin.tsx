import SlipwayIcon from '@material-ui/icons/DirectionsBoat';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  slipwayApi,
  slipwayEntityContent,
  slipwayHistoryCard,
  slipwayPage,
  slipwayRootRouteRef,
  slipwayStatusCard,
  slipwayVersionsCard,
} from './extensions';

/**
 * Slipway for the new frontend system: the API, the Slipway page, the
 * entity tab and the entity cards, which appear only on entities that
 * have Slipway applications.
 * @alpha
 */
export const slipwayPlugin = createFrontendPlugin({
  pluginId: 'slipway',
  title: 'Slipway',
  icon: <SlipwayIcon />,
  routes: { root: slipwayRootRouteRef },
  extensions: [
    slipwayApi,
    slipwayPage,
    slipwayEntityContent,
    slipwayStatusCard,
    slipwayVersionsCard,
    slipwayHistoryCard,
  ],
});
