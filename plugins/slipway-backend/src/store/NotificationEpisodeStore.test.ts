import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore } from './__testUtils__/testStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const app = 'application:default/payments-prod';
const told = JSON.stringify({ degraded: { since: 1, notified: true } });
const toldTwice = JSON.stringify({ degraded: { since: 1, notified: true }, syncFailed: { since: 5, notified: true } });

describe('NotificationEpisodeStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps, replaces and drops the episodes of an application only while they are what the writer expects, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      expect(await store.getNotificationEpisodes(app)).toBeUndefined();

      expect(await store.replaceNotificationEpisodes(app, undefined, told)).toBe(true);
      // a second replica that also saw nothing kept loses
      expect(await store.replaceNotificationEpisodes(app, undefined, toldTwice)).toBe(false);
      expect(await store.getNotificationEpisodes(app)).toBe(told);

      expect(await store.replaceNotificationEpisodes(app, told, toldTwice)).toBe(true);
      expect(await store.replaceNotificationEpisodes(app, told, undefined)).toBe(false);
      expect(await store.getNotificationEpisodes(app)).toBe(toldTwice);

      expect(await store.replaceNotificationEpisodes(app, toldTwice, undefined)).toBe(true);
      expect(await store.getNotificationEpisodes(app)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'lists every application it keeps, and forgets one that left the catalog, %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const other = 'application:team-a/web-dev';
      await store.replaceNotificationEpisodes(app, undefined, told);
      await store.replaceNotificationEpisodes(other, undefined, toldTwice);
      expect(await store.listNotificationEpisodes()).toEqual(new Map([[app, told], [other, toldTwice]]));

      await store.forgetNotificationEpisodes(other);
      expect(await store.listNotificationEpisodes()).toEqual(new Map([[app, told]]));
      await expect(store.forgetNotificationEpisodes('')).rejects.toThrow(/entity ref/);
    },
  );
});
