import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { SlipwayApi, slipwayApiRef } from '../api';
import slipwayPluginDefault from '../alpha';
import {
  slipwayEntityContent,
  slipwayHistoryCard,
  slipwayPage,
  slipwayStatusCard,
  slipwayVersionsCard,
} from './extensions';
import { slipwayPlugin } from './plugin';

jest.setTimeout(60_000);

const componentWithApps: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  relations: [{ type: 'dependsOn', targetRef: 'application:default/payments-prod' }],
};
const plainComponent: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'docs' } };
const application: Entity = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'payments-prod' } };

describe('slipway plugin for the new frontend system', () => {
  it('is the default export of /alpha, with the API, page, entity tab and three entity cards', () => {
    expect(slipwayPluginDefault).toBe(slipwayPlugin);
    expect(slipwayPlugin.id).toBe('slipway');
    for (const id of [
      'api:slipway',
      'page:slipway',
      'entity-content:slipway',
      'entity-card:slipway/status',
      'entity-card:slipway/versions',
      'entity-card:slipway/history',
    ]) {
      expect(() => slipwayPlugin.getExtension(id as any)).not.toThrow();
    }
    expect(() => slipwayPlugin.getExtension('page:slipway/unknown' as any)).toThrow();
  });

  it('shows the tab and the cards only on entities that have Slipway applications', () => {
    const tab = createExtensionTester(slipwayEntityContent);
    const filter = tab.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect([componentWithApps, application, plainComponent].map(filter)).toEqual([true, true, false]);
    expect(tab.get(coreExtensionData.routePath)).toBe('slipway');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Slipway');

    const cardFilters = [
      createExtensionTester(slipwayStatusCard).get(EntityCardBlueprint.dataRefs.filterFunction)!,
      createExtensionTester(slipwayVersionsCard).get(EntityCardBlueprint.dataRefs.filterFunction)!,
      createExtensionTester(slipwayHistoryCard).get(EntityCardBlueprint.dataRefs.filterFunction)!,
    ];
    for (const cardFilter of cardFilters) {
      expect([componentWithApps, plainComponent].map(cardFilter)).toEqual([true, false]);
    }
  });

  it('mounts the Slipway page at /slipway and renders it against the API', async () => {
    const listApplications = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const tester = createExtensionTester(slipwayPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/slipway');
    renderInTestApp(tester.reactElement(), {
      apis: [
        [slipwayApiRef, { listApplications } as unknown as SlipwayApi],
        [permissionApiRef, mockApis.permission()],
      ],
    });
    // The page is loaded lazily; on a busy machine that takes a while.
    expect(await screen.findByText('Slipway has no applications yet', {}, { timeout: 20_000 })).toBeInTheDocument();
    expect(listApplications).toHaveBeenCalledWith(expect.objectContaining({ limit: 50 }));
  });
});
