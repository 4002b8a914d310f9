import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { applicationFromEntity } from './applicationFromEntity';
import { CatalogInventory } from './CatalogInventory';

const application = (name: string, path = 'apps/web', extra: Partial<Entity['metadata']> = {}): Entity => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'slipway.io/component': 'component:default/web',
      'slipway.io/owner': 'group:default/team-web',
      'slipway.io/environment': 'prod',
      'backstage.io/managed-by-origin-location': 'url:https://git.example.com/gitops/catalog.yaml',
    },
    ...extra,
  },
  spec: {
    project: 'web',
    source: { repoURL: 'https://git.example.com/gitops.git', path, targetRevision: 'main' },
    destination: { name: 'embedded', namespace: 'web-prod' },
  },
});

describe('applicationFromEntity', () => {
  it('maps an Application entity to the engine application and the stored fields', () => {
    expect(applicationFromEntity(application('web-prod'))).toEqual({
      entityRef: 'application:default/web-prod',
      app: { name: 'web-prod', ref: 'application:default/web-prod', spec: application('web-prod').spec },
      specHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      project: 'web',
      componentRef: 'component:default/web',
      owner: 'group:default/team-web',
      environment: 'prod',
      cluster: 'embedded',
      namespace: 'web-prod',
      entityNamespace: 'default',
      originLocation: 'url:https://git.example.com/gitops/catalog.yaml',
    });
  });

  it('hashes the spec independently of key order, and differently when it changes', () => {
    const a = application('web');
    const b = { ...a, spec: { destination: a.spec!.destination, source: a.spec!.source, project: 'web' } };
    expect(applicationFromEntity(b).specHash).toBe(applicationFromEntity(a).specHash);
    expect(applicationFromEntity(application('web', 'apps/other')).specHash).not.toBe(applicationFromEntity(a).specHash);
  });

  it('keeps an unusable spec with the reason instead of failing', () => {
    const broken = { ...application('broken'), spec: { source: { repoURL: 'x' } } };
    expect(applicationFromEntity(broken).invalid).toMatch(
      /application:default\/broken cannot be reconciled: spec.destination needs a name or a server/,
    );
  });
});

describe('CatalogInventory', () => {
  it('follows additions, changes and removals of Application entities, ignoring other kinds', async () => {
    const catalog = catalogServiceMock({
      entities: [
        application('web-dev'),
        application('web-prod'),
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'web' }, spec: {} },
        { apiVersion: 'example.com/v1', kind: 'Application', metadata: { name: 'not-argo' }, spec: {} },
      ],
    });
    const entities = [application('web-dev'), application('web-prod')];
    const getEntities = jest.fn(async (request: any, options: any) => catalog.getEntities(request, options));
    const inventory = new CatalogInventory({
      catalog: { getEntities },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const first = await inventory.refresh();
    expect(first.added.map(a => a.entityRef).sort()).toEqual(['application:default/web-dev', 'application:default/web-prod']);
    expect(inventory.ready).toBe(true);
    expect(getEntities.mock.calls[0][1].credentials.principal).toMatchObject({ type: 'service' });

    getEntities.mockImplementation(async () => ({
      items: [application('web-dev', 'apps/web-v2'), application('web-stage')],
    }));
    const second = await inventory.refresh();
    expect(second.added.map(a => a.entityRef)).toEqual(['application:default/web-stage']);
    expect(second.changed.map(a => a.entityRef)).toEqual(['application:default/web-dev']);
    expect(second.removed).toEqual(['application:default/web-prod']);
    expect(entities).toHaveLength(2);
  });

  it('keeps the last good inventory when the catalog cannot be read', async () => {
    const getEntities = jest.fn().mockResolvedValueOnce({ items: [application('web-prod')] });
    const inventory = new CatalogInventory({ catalog: { getEntities }, auth: mockServices.auth(), logger: mockServices.logger.mock() });
    await inventory.refresh();
    getEntities.mockRejectedValueOnce(new Error('catalog unavailable'));
    expect(await inventory.refresh()).toEqual({ added: [], changed: [], removed: [] });
    expect(inventory.list().map(a => a.entityRef)).toEqual(['application:default/web-prod']);
  });
});
