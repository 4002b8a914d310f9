import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { toDbTime } from './dbValues';
import {
  FINAL_OPERATION_STATES,
  type PruneOperationsOptions,
} from './OperationStore';

/** Deletes old finished operations and their events, on a knex database. */
export class DatabaseOperationRetention {
  constructor(private readonly db: Knex, private readonly now: () => Date) {}

  async pruneOperations(options: PruneOperationsOptions): Promise<number> {
    const { finishedMoreThanMsAgo } = options;
    if (!Number.isFinite(finishedMoreThanMsAgo) || finishedMoreThanMsAgo < 0) {
      throw new InputError(
        `finishedMoreThanMsAgo must be a non-negative number of milliseconds, got ${finishedMoreThanMsAgo}`,
      );
    }
    const cutoff = toDbTime(
      new Date(this.now().getTime() - finishedMoreThanMsAgo),
    );
    const old = () =>
      this.db('slipway_operations')
        .select('id')
        .whereIn('phase', FINAL_OPERATION_STATES as string[])
        .where('finished_at', '<', cutoff);
    return this.db.transaction(async trx => {
      // Events first: SQLite enforces the cascade only with foreign keys on.
      await trx('slipway_operation_events')
        .whereIn('operation_id', old().transacting(trx))
        .delete();
      const deleted = await trx('slipway_operations')
        .whereIn('id', old().transacting(trx))
        .delete();
      return Number(deleted);
    });
  }
}
