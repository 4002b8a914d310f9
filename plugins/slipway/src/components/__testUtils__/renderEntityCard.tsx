import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { slipwayApiRef } from '../../api';
import { componentEntity, mockSlipwayApi } from '../../hooks/testFixtures';

export type Authorize = NonNullable<NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize']>;

/** An alert API whose posts a test can read. */
export function recordingAlertApi() {
  return { post: jest.fn(), alert$: jest.fn() };
}

/**
 * Renders an entity card as an entity page would: the entity in context,
 * the mocked Slipway API, a permission API answering `authorize` (allow by
 * default) and an alert API.
 */
export function renderEntityCard(
  card: ReactElement,
  api: ReturnType<typeof mockSlipwayApi>,
  options: { authorize?: Authorize; entity?: Entity; alertApi?: ReturnType<typeof recordingAlertApi> } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [slipwayApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: options.authorize ?? AuthorizeResult.ALLOW })],
        [alertApiRef, options.alertApi ?? recordingAlertApi()],
      ]}
    >
      <EntityProvider entity={options.entity ?? componentEntity}>{card}</EntityProvider>
    </TestApiProvider>,
  );
}
