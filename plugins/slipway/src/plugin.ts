import { createPlugin } from '@backstage/core-plugin-api';

/**
 * Slipway's frontend plugin (legacy frontend system).
 * @public
 */
export const slipwayPlugin = createPlugin({
  id: 'slipway',
});
