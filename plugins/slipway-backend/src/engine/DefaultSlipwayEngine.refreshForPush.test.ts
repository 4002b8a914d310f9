import { mockServices } from '@backstage/backend-test-utils';
import type { InventoryApplication } from '../inventory';
import { DefaultSlipwayEngine } from './DefaultSlipwayEngine';

const REPO = 'https://github.com/acme/mono.git';

function app(
  name: string,
  path: string,
  manifestGeneratePaths?: string,
): InventoryApplication {
  return {
    entityRef: `application:default/${name}`,
    app: {
      name,
      ...(manifestGeneratePaths ? { manifestGeneratePaths } : {}),
      spec: {
        source: { repoURL: REPO, path, targetRevision: 'main' },
        destination: { name: 'sim', namespace: name },
      },
    },
    specHash: name,
    project: 'default',
    entityNamespace: 'default',
  };
}

function engineWith(items: InventoryApplication[]) {
  const enqueued: string[] = [];
  const engine = new DefaultSlipwayEngine({
    inventory: {
      get: ref => items.find(i => i.entityRef === ref),
      list: () => items,
    },
    reconciler: { enqueue: (ref: string) => enqueued.push(ref) } as any,
    worker: {} as any,
    store: {} as any,
    clusters: {} as any,
    resolveCluster: () => undefined,
    projects: new Map(),
    publish: () => {},
    logger: mockServices.logger.mock(),
  });
  return { engine, enqueued };
}

describe('refreshes for a push', () => {
  const items = [
    app('web', 'apps/web', '.'),
    app('api', 'apps/api', '.;/shared'),
    app('legacy', 'apps/legacy'),
  ];

  it("skips the applications whose manifest-generate-paths the push's files do not touch, as Argo CD's webhook does", async () => {
    const { engine, enqueued } = engineWith(items);
    expect(
      await engine.refreshForPush(REPO, 'main', ['apps/web/deployment.yaml']),
    ).toEqual(['application:default/web', 'application:default/legacy']);
    expect(enqueued).toEqual([
      'application:default/web',
      'application:default/legacy',
    ]);
    expect(
      await engine.refreshForPush(REPO, 'main', ['shared/values.yaml']),
    ).toEqual(['application:default/api', 'application:default/legacy']);
  });

  it('refreshes every application of the repository when the push does not list its files', async () => {
    const { engine } = engineWith(items);
    expect(await engine.refreshForPush(REPO, 'main')).toHaveLength(3);
    expect(
      await engine.refreshForPush(REPO, 'other-branch', ['apps/web/x.yaml']),
    ).toEqual([]);
  });
});
