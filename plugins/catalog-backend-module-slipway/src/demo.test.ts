import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { disposableDatabaseServiceFactory, findRepoRoot } from '@slipway/test-utils';
import { catalogModuleSlipway } from './module';

jest.setTimeout(120_000);

/**
 * The demo portal's catalog: examples/gitops registered as in app-config.yaml,
 * with the demo repository URL served from the examples/gitops folder.
 */
describe('the demo GitOps repository in the catalog', () => {
  const root = findRepoRoot();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  const query = async (filter: string): Promise<Entity[]> => {
    const response = await fetch(`${baseUrl}/api/catalog/entities?filter=${filter}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    return response.json();
  };

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleSlipway,
        disposableDatabaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'System', 'Location', 'ApplicationSet', 'Application'] }],
              locations: [{ type: 'file', target: path.join(root, 'examples/gitops/catalog-info.yaml') }],
            },
            slipway: {
              clusters: [{ name: 'embedded', url: 'embedded' }],
              repositories: [
                {
                  url: 'https://git.example.com/slipway/demo-gitops.git',
                  localPath: path.join(root, 'examples/gitops'),
                },
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  });
  afterAll(() => backend?.stop());

  it('shows the three ApplicationSets and their Applications, owned like their Components', async () => {
    const deadline = Date.now() + 60_000;
    let apps: Entity[] = [];
    const inherited = (e: Entity) => e.relations?.some(r => r.type === 'ownedBy');
    while (Date.now() < deadline) {
      apps = await query('kind=application');
      if (apps.length === 8 && apps.every(inherited)) break;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    const sets = await query('kind=applicationset');
    expect(sets.map(s => s.metadata.name).sort()).toEqual(['infrastructure', 'payments', 'storefront']);
    const summary = apps
      .map(e => {
        const rel = (type: string) => e.relations?.filter(r => r.type === type).map(r => r.targetRef).sort().join(',');
        return `${e.metadata.name} ${rel('partOf')} ${rel('dependencyOf')} ${rel('ownedBy')}`;
      })
      .sort();
    expect(summary).toEqual([
      'infra-network-policies applicationset:default/infrastructure,system:default/shop component:default/platform-infrastructure group:default/platform-team',
      'infra-observability applicationset:default/infrastructure,system:default/shop component:default/platform-infrastructure group:default/platform-team',
      'payments-dev applicationset:default/payments,system:default/shop component:default/payments group:default/payments-team',
      'payments-prod applicationset:default/payments,system:default/shop component:default/payments group:default/payments-team',
      'payments-staging applicationset:default/payments,system:default/shop component:default/payments group:default/payments-team',
      'storefront-dev applicationset:default/storefront,system:default/shop component:default/storefront group:default/platform-team',
      'storefront-prod applicationset:default/storefront,system:default/shop component:default/storefront group:default/platform-team',
      'storefront-staging applicationset:default/storefront,system:default/shop component:default/storefront group:default/platform-team',
    ]);
    const prod = apps.find(e => e.metadata.name === 'payments-prod')!;
    expect(prod.metadata.labels).toMatchObject({ 'slipway.io/environment': 'prod', 'slipway.io/cluster': 'embedded' });
    expect(prod.spec).toMatchObject({ source: { path: 'apps/payments/overlays/prod' } });
  });
});
