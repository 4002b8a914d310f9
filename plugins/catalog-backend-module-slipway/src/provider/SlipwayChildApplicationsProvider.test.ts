import { mockServices } from '@backstage/backend-test-utils';
import type {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { childApplicationEntity } from './childApplicationEntity';
import {
  ChildApplicationSource,
  SlipwayChildApplicationsProvider,
} from './SlipwayChildApplicationsProvider';

const guestbook = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: {
    name: 'guestbook',
    namespace: 'argocd',
    labels: { team: 'web' },
    annotations: { 'slipway.io/component': 'component:default/guestbook' },
  },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.com/apps.git', path: 'guestbook' },
    destination: { name: 'prod', namespace: 'guestbook' },
  },
};

function recordingConnection() {
  const mutations: Array<{ type: string; entities?: DeferredEntity[] }> = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation as { type: string; entities?: DeferredEntity[] });
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}

describe('child Applications of apps of apps in the catalog', () => {
  it("become entities in their parent's catalog namespace, naming the parent as their location", () => {
    expect(
      childApplicationEntity({
        parentRef: 'application:platform/apps',
        manifest: guestbook,
      }),
    ).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'guestbook',
        namespace: 'platform',
        labels: { team: 'web' },
        annotations: {
          'slipway.io/component': 'component:default/guestbook',
          'slipway.io/parent-application': 'application:platform/apps',
          'backstage.io/managed-by-location':
            'slipway-application:application:platform/apps',
          'backstage.io/managed-by-origin-location':
            'slipway-application:application:platform/apps',
        },
      },
      spec: guestbook.spec,
    });
  });

  it('replaces the provider’s entities with what the backend published, and keeps them when it cannot be read', async () => {
    let answer: () => Promise<
      Array<{ parentRef: string; manifest: typeof guestbook }>
    > = async () => [
      { parentRef: 'application:default/apps', manifest: guestbook },
    ];
    const source: ChildApplicationSource = { list: () => answer() };
    const logger = mockServices.logger.mock();
    const provider = new SlipwayChildApplicationsProvider({ source, logger });
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection);

    await provider.refresh();
    expect(mutations).toEqual([
      {
        type: 'full',
        entities: [
          {
            entity: expect.objectContaining({
              kind: 'Application',
              metadata: expect.objectContaining({
                name: 'guestbook',
                namespace: 'default',
              }),
            }),
            locationKey: 'slipway-application:application:default/apps',
          },
        ],
      },
    ]);

    answer = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await provider.refresh();
    expect(mutations).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('connect ECONNREFUSED'),
    );

    answer = async () => [];
    await provider.refresh();
    expect(mutations[1]).toEqual({ type: 'full', entities: [] });
  });
});
