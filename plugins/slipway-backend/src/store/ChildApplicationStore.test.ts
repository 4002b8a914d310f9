import { TestDatabases } from '@backstage/backend-test-utils';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { DatabaseSlipwayStore } from './DatabaseSlipwayStore';

jest.setTimeout(60_000);

const child = (kind: string, name: string, path = name): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'argocd' },
  spec: { source: { path } },
});

describe('child Applications of apps of apps', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'replaces a parent’s children and lists every parent’s (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSlipwayStore.create({
        database: { getClient: async () => knex },
      });

      await store.replaceChildApplications('application:default/apps', [
        child('Application', 'guestbook'),
        child('ApplicationSet', 'addons'),
      ]);
      await store.replaceChildApplications('application:team/platform', [
        child('Application', 'dns'),
      ]);
      await store.replaceChildApplications('application:default/apps', [
        child('Application', 'guestbook', 'guestbook-v2'),
      ]);

      expect(await store.listChildApplications()).toEqual([
        {
          parentRef: 'application:default/apps',
          manifest: child('Application', 'guestbook', 'guestbook-v2'),
        },
        {
          parentRef: 'application:team/platform',
          manifest: child('Application', 'dns'),
        },
      ]);

      await store.replaceChildApplications('application:team/platform', []);
      expect(
        (await store.listChildApplications()).map(
          c => c.manifest.metadata.name,
        ),
      ).toEqual(['guestbook']);
      await expect(
        store.replaceChildApplications('application:default/apps', [
          child('Application', 'twice'),
          child('Application', 'twice'),
        ]),
      ).rejects.toThrow(
        'application:default/apps renders Application/twice twice; give its children unique names',
      );
      // a refused replacement changes nothing
      expect(
        (await store.listChildApplications()).map(
          c => c.manifest.metadata.name,
        ),
      ).toEqual(['guestbook']);
    },
  );
});
