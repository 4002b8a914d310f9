import { createRouteRef } from '@backstage/core-plugin-api';

/** The Slipway page (`/slipway` in the demo app). @public */
export const rootRouteRef = createRouteRef({ id: 'slipway' });
