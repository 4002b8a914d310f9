import { InputError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { CompiledStatements, type StatementValue } from './CompiledStatements';
import { fromDbInteger, fromDbTime, isForeignKeyViolation, optional, toDbTime } from './dbValues';
import type {
  OperationEvent,
  OperationEventInput,
  OperationEventPage,
} from './OperationStore';

const TABLE = 'slipway_operation_events';
/** Rows per insert statement: stays under SQLite's limit of bound variables. */
const INSERT_CHUNK = 100;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

function rowToEvent(row: Record<string, unknown>): OperationEvent {
  const event: OperationEvent = {
    id: fromDbInteger(row.id),
    operationId: String(row.operation_id),
    time: fromDbTime(row.time)!,
    status: String(row.status),
  };
  const phase = optional(row.phase as string | null);
  const wave = optional(row.wave as number | null);
  const resourceKey = optional(row.resource_key as string | null);
  const message = optional(row.message as string | null);
  if (phase !== undefined) event.phase = phase;
  if (wave !== undefined) event.wave = fromDbInteger(wave);
  if (resourceKey !== undefined) event.resourceKey = resourceKey;
  if (message !== undefined) event.message = message;
  return event;
}

/** The append-only event log of operations, on a knex database. */
export class DatabaseOperationEventStore {
  private readonly statements: CompiledStatements;

  constructor(private readonly db: Knex, private readonly now: () => Date) {
    this.statements = new CompiledStatements(db);
  }

  async appendEvents(
    operationId: string,
    events: OperationEventInput[],
  ): Promise<void> {
    if (!Array.isArray(events)) {
      throw new InputError(`Events of operation ${operationId} must be a list`);
    }
    if (events.length === 0) {
      return;
    }
    const now = toDbTime(this.now());
    const rows = events.map((event, i) => {
      if (typeof event?.status !== 'string' || event.status === '') {
        throw new InputError(
          `Event ${i} of operation ${operationId} needs a status (e.g. Synced, SyncFailed, Running)`,
        );
      }
      if (event.wave !== undefined && !Number.isInteger(event.wave)) {
        throw new InputError(
          `Event ${i} of operation ${operationId}: wave must be an integer`,
        );
      }
      return {
        operation_id: operationId,
        time: event.time ? toDbTime(event.time) : now,
        phase: event.phase ?? null,
        wave: event.wave ?? null,
        resource_key: event.resourceKey ?? null,
        status: event.status,
        message: event.message ?? null,
      };
    });
    try {
      await this.insert(rows);
    } catch (error) {
      // the events' foreign key is what says the operation is missing: no separate look first
      if (isForeignKeyViolation(error)) {
        throw new NotFoundError(
          `Cannot record events of operation ${operationId}: no such operation`,
        );
      }
      throw error;
    }
  }

  /** A batch is recorded whole, in order, or not at all: one statement, or one transaction for several. */
  private async insert(rows: Array<Record<string, StatementValue>>): Promise<void> {
    if (rows.length <= INSERT_CHUNK) {
      await this.statements.insert(TABLE, rows);
      return;
    }
    await this.db.transaction(async trx => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  async listEvents(
    operationId: string,
    options: { after?: number; limit?: number } = {},
  ): Promise<OperationEventPage> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(
        `Page size (limit) must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`,
      );
    }
    const query = this.db(TABLE)
      .where('operation_id', operationId)
      .orderBy('id', 'asc')
      .limit(limit + 1);
    if (options.after !== undefined) {
      if (!Number.isSafeInteger(options.after)) {
        throw new InputError(
          'Invalid event cursor (after): pass the nextCursor value of a previous page unchanged',
        );
      }
      query.where('id', '>', options.after);
    }
    const rows = await query;
    const items = rows.slice(0, limit).map(rowToEvent);
    return {
      items,
      ...(rows.length > limit
        ? { nextCursor: items[items.length - 1].id }
        : {}),
    };
  }
}
