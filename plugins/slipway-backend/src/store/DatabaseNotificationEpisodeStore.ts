import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { toDbTime } from './dbValues';
import type { NotificationEpisodeStore } from './NotificationEpisodeStore';

const TABLE = 'slipway_notification_episodes';

function checkRef(entityRef: string): void {
  if (typeof entityRef !== 'string' || entityRef === '') {
    throw new InputError('Notification episodes need the entity ref of their Application');
  }
}

/** {@link NotificationEpisodeStore} on a knex database. */
export class DatabaseNotificationEpisodeStore implements NotificationEpisodeStore {
  constructor(private readonly db: Knex, private readonly now: () => Date) {}

  async listNotificationEpisodes(): Promise<Map<string, string>> {
    const rows = await this.db(TABLE).select('entity_ref', 'episodes');
    return new Map(rows.map(row => [String(row.entity_ref), String(row.episodes)]));
  }

  async getNotificationEpisodes(entityRef: string): Promise<string | undefined> {
    checkRef(entityRef);
    const row = await this.db(TABLE).where('entity_ref', entityRef).first('episodes');
    return row ? String(row.episodes) : undefined;
  }

  async replaceNotificationEpisodes(
    entityRef: string,
    expected: string | undefined,
    next: string | undefined,
  ): Promise<boolean> {
    checkRef(entityRef);
    if (expected === next) return true;
    if (expected === undefined) {
      // an insert that another writer's row makes a no-op returns no row
      const inserted = await this.db(TABLE)
        .insert({ entity_ref: entityRef, episodes: next, updated_at: toDbTime(this.now()) })
        .onConflict('entity_ref')
        .ignore()
        .returning('entity_ref');
      return inserted.length === 1;
    }
    const current = this.db(TABLE).where({ entity_ref: entityRef, episodes: expected });
    const changed =
      next === undefined
        ? await current.delete()
        : await current.update({ episodes: next, updated_at: toDbTime(this.now()) });
    return changed === 1;
  }

  async forgetNotificationEpisodes(entityRef: string): Promise<void> {
    checkRef(entityRef);
    await this.db(TABLE).where('entity_ref', entityRef).delete();
  }
}
