import { randomUUID } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  decodeCursor,
  encodeCursor,
  isUniqueViolation,
  toDbJson,
  toDbTime,
} from './dbValues';
import {
  ACTIVE_OPERATION_STATES,
  FINAL_OPERATION_STATES,
  type EnqueueOperationInput,
  type EnqueueResult,
  type FinalOperationState,
  type HeartbeatResult,
  type Operation,
  type OperationPage,
  type OperationState,
  type RecoverStaleOptions,
  type RecoverStaleResult,
} from './OperationStore';
import { CompiledStatements } from './CompiledStatements';
import { rowToOperation, type OperationRow } from './operationRows';
import { validateEnqueueInput } from './validation';

const TABLE = 'slipway_operations';

/** Rounds of "insert, else read the active one" before giving up. */
const ENQUEUE_ROUNDS = 10;
/** Candidates a claimer tries when other replicas win the race for them. */
const CLAIM_ROUNDS = 10;
/** Queued operations read per look at the queue. */
const CLAIM_BATCH = 16;
const DEFAULT_MAX_ATTEMPTS = 3;

function checkReplicaId(replicaId: string): void {
  if (typeof replicaId !== 'string' || replicaId.trim() === '') {
    throw new InputError(
      'replicaId must be a non-empty string naming this backend replica',
    );
  }
}

/**
 * Operations with at-most-one-active per application and exactly-once
 * claiming, on a knex database.
 *
 * Uniqueness: `active_key` holds the application ref while an operation is
 * queued, running or terminating and NULL afterwards; a unique index on it
 * makes the database refuse a second active operation (NULLs never collide,
 * on every supported database). Claims and every state change are
 * compare-and-set updates (`UPDATE … WHERE id = ? AND phase = ?`), so two
 * replicas never both win.
 */
export class DatabaseOperationStore {
  /** Queued operations seen by the last look at the queue and not yet tried. */
  private candidates: string[] = [];
  /** Whether the last look filled a batch, so that more may be queued behind it. */
  private lastLookFull = true;

  private readonly statements: CompiledStatements;

  constructor(private readonly db: Knex, private readonly now: () => Date) {
    this.statements = new CompiledStatements(db);
  }

  async enqueue(input: EnqueueOperationInput): Promise<EnqueueResult> {
    const valid = validateEnqueueInput(input);
    for (let round = 0; round < ENQUEUE_ROUNDS; round++) {
      const row = {
        id: randomUUID(),
        application_ref: valid.applicationRef,
        active_key: valid.applicationRef,
        kind: valid.kind,
        request: toDbJson(valid.request),
        initiator: valid.initiator,
        phase: 'Queued',
        attempts: 0,
        created_at: toDbTime(this.now()),
      };
      try {
        await this.statements.insert(TABLE, [row]);
        return { status: 'created', operation: rowToOperation(row) };
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error;
        }
      }
      const active = await this.getActiveOperation(valid.applicationRef);
      if (active) {
        return {
          status: 'conflict',
          activeOperationId: active.id,
          activeOperation: active,
        };
      }
      // The active operation finished between our insert and our read: try again.
    }
    throw new Error(
      `Could not queue an operation for ${valid.applicationRef}: operations kept starting and finishing concurrently; try again`,
    );
  }

  async claimNext(replicaId: string, options: { fromLastLook?: boolean } = {}): Promise<Operation | undefined> {
    checkReplicaId(replicaId);
    // candidates left from the last look at the queue are tried first: a long
    // queue is read once per batch, not once per claim
    while (this.candidates.length > 0) {
      const claimed = await this.claim(this.candidates.shift()!, replicaId);
      if (claimed) return claimed;
    }
    // a drained queue is not asked again right after the claim that drained it
    if (options.fromLastLook && !this.lastLookFull) {
      return undefined;
    }
    let skip: string[] = [];
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const candidates: Array<{ id: unknown }> = await this.statements.query(
        `operation-queue:${skip.length}`,
        skip,
        ids =>
          this.db(TABLE)
            .select('id')
            .where('phase', 'Queued')
            .whereNotIn('id', ids as string[])
            .orderBy([
              { column: 'created_at', order: 'asc' },
              { column: 'id', order: 'asc' },
            ])
            .limit(CLAIM_BATCH),
      );
      this.lastLookFull = candidates.length === CLAIM_BATCH;
      if (candidates.length === 0) {
        return undefined;
      }
      const ids = candidates.map(c => String(c.id));
      for (let i = 0; i < ids.length; i++) {
        const claimed = await this.claim(ids[i], replicaId);
        if (claimed) {
          this.candidates = ids.slice(i + 1);
          return claimed;
        }
      }
      skip = skip.concat(ids);
    }
    return undefined;
  }

  /** Compare-and-set claim of one queued operation; undefined when another replica (or a termination) was first. */
  private async claim(id: string, replicaId: string): Promise<Operation | undefined> {
    const now = toDbTime(this.now());
    // the claimed row comes back from the update itself (RETURNING, as the status upsert uses)
    const [claimed] = await this.statements.query(
      'operation-claim',
      [id, replicaId, now],
      ([opId, replica, time]) =>
        this.db(TABLE)
          .where({ id: opId, phase: 'Queued' })
          .update(
            {
              phase: 'Running',
              claimed_by: replica,
              started_at: time,
              heartbeat_at: time,
              attempts: this.db.raw('?? + 1', ['attempts']),
            },
            '*',
          ),
    );
    return claimed ? rowToOperation(claimed) : undefined;
  }

  async heartbeat(id: string, replicaId: string): Promise<HeartbeatResult> {
    checkReplicaId(replicaId);
    const now = toDbTime(this.now());
    const running = await this.db(TABLE)
      .where({ id, claimed_by: replicaId, phase: 'Running' })
      .update({ heartbeat_at: now });
    if (running === 1) {
      return 'ok';
    }
    const terminating = await this.db(TABLE)
      .where({ id, claimed_by: replicaId, phase: 'Terminating' })
      .update({ heartbeat_at: now });
    return terminating === 1 ? 'terminating' : 'lost';
  }

  async complete(
    id: string,
    phase: FinalOperationState,
    message: string,
    options: { replicaId?: string; result?: unknown } = {},
  ): Promise<boolean> {
    if (!FINAL_OPERATION_STATES.includes(phase)) {
      throw new InputError(
        `Operation ${id} cannot end in phase ${JSON.stringify(
          phase,
        )}; use one of ${FINAL_OPERATION_STATES.join(', ')}`,
      );
    }
    const values = [
      id,
      options.replicaId,
      phase,
      message,
      toDbJson(options.result),
      toDbTime(this.now()),
    ];
    const updated = await this.statements.query(
      'operation-complete',
      values,
      ([opId, replica, final, text, result, finishedAt]) => {
        const query = this.db(TABLE)
          .where('id', opId)
          .whereIn('phase', ['Running', 'Terminating']);
        if (replica !== undefined) {
          query.where('claimed_by', replica);
        }
        return query.update({
          phase: final,
          message: text,
          result,
          finished_at: finishedAt,
          active_key: null,
        });
      },
    );
    return updated === 1;
  }

  async requestTermination(id: string): Promise<Operation | undefined> {
    // Two compare-and-set attempts cover a claim racing with the request.
    for (let round = 0; round < 3; round++) {
      const current = await this.getOperation(id);
      if (!current) {
        return undefined;
      }
      let changed = 0;
      if (current.phase === 'Queued') {
        changed = await this.db(TABLE)
          .where({ id, phase: 'Queued' })
          .update({
            phase: 'Terminated',
            message: 'Terminated before it started',
            finished_at: toDbTime(this.now()),
            active_key: null,
          });
      } else if (current.phase === 'Running') {
        changed = await this.db(TABLE)
          .where({ id, phase: 'Running' })
          .update({ phase: 'Terminating', message: 'Termination requested' });
      } else {
        return current; // already terminating or finished
      }
      if (changed === 1) {
        return this.getOperation(id);
      }
    }
    return this.getOperation(id);
  }

  async recoverStale(
    options: RecoverStaleOptions,
  ): Promise<RecoverStaleResult> {
    const { olderThanMs } = options;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
      throw new InputError(
        `olderThanMs must be a non-negative number of milliseconds, got ${olderThanMs}`,
      );
    }
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InputError(
        `maxAttempts must be a positive integer, got ${maxAttempts}`,
      );
    }
    const now = this.now();
    const cutoff = toDbTime(new Date(now.getTime() - olderThanMs));
    const stale: OperationRow[] = await this.db(TABLE)
      .whereIn('phase', ['Running', 'Terminating'])
      .where('heartbeat_at', '<', cutoff);

    const result: RecoverStaleResult = { requeued: [], finished: [] };
    for (const row of stale) {
      const op = rowToOperation(row);
      const lost = `replica ${
        op.claimedBy ?? '(unknown)'
      } stopped reporting progress (last heartbeat ${op.heartbeatAt})`;
      let update: Record<string, unknown>;
      let outcome: keyof RecoverStaleResult;
      if (op.phase === 'Terminating') {
        update = {
          phase: 'Terminated',
          message: `Terminated: ${lost}`,
          finished_at: toDbTime(now),
          active_key: null,
        };
        outcome = 'finished';
      } else if (op.attempts >= maxAttempts) {
        update = {
          phase: 'Error',
          message: `Gave up after ${op.attempts} attempts: ${lost}`,
          finished_at: toDbTime(now),
          active_key: null,
        };
        outcome = 'finished';
      } else {
        update = {
          phase: 'Queued',
          message: `Queued again: ${lost}`,
          claimed_by: null,
          heartbeat_at: null,
        };
        outcome = 'requeued';
      }
      // Compare-and-set on the heartbeat we judged stale: a replica that
      // reports in the meantime keeps its operation.
      const changed = await this.db(TABLE)
        .where({
          id: op.id,
          phase: op.phase,
          claimed_by: row.claimed_by,
          heartbeat_at: row.heartbeat_at,
        })
        .update(update);
      if (changed === 1) {
        result[outcome].push(op.id);
      }
    }
    return result;
  }

  async getOperation(id: string): Promise<Operation | undefined> {
    const row = await this.db(TABLE).where('id', id).first();
    return row ? rowToOperation(row) : undefined;
  }

  async getActiveOperation(
    applicationRef: string,
  ): Promise<Operation | undefined> {
    const row = await this.db(TABLE)
      .where('active_key', applicationRef)
      .whereIn('phase', ACTIVE_OPERATION_STATES as OperationState[])
      .first();
    return row ? rowToOperation(row) : undefined;
  }

  async latestOperations(
    applicationRefs: string[],
  ): Promise<Map<string, Operation>> {
    const latest = new Map<string, Operation>();
    // Chunks stay below the bind-parameter limits of SQLite and PostgreSQL.
    for (let i = 0; i < applicationRefs.length; i += 500) {
      const refs = applicationRefs.slice(i, i + 500);
      const ranked = this.db(TABLE)
        .select('*')
        .select(
          this.db.raw(
            'row_number() over (partition by application_ref order by created_at desc, id desc) as newest_rank',
          ),
        )
        .whereIn('application_ref', refs)
        .as('ranked');
      const rows = await this.db.from(ranked).where('newest_rank', 1);
      for (const row of rows) {
        const operation = rowToOperation(row);
        latest.set(row.application_ref, operation);
      }
    }
    return latest;
  }

  async listOperations(
    applicationRef: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<OperationPage> {
    const limit = options.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new InputError(
        `Page size (limit) must be an integer from 1 to 1000, got ${limit}`,
      );
    }
    let after: { createdAt: string; id: string } | undefined;
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor, 'the operation list') as
        | { createdAt?: unknown; id?: unknown }
        | undefined;
      if (
        typeof cursor?.createdAt !== 'string' ||
        typeof cursor?.id !== 'string'
      ) {
        throw new InputError(
          'Invalid cursor for the operation list: pass the nextCursor value of a previous page unchanged',
        );
      }
      after = { createdAt: toDbTime(cursor.createdAt), id: cursor.id };
    }
    const rows: OperationRow[] = await this.statements.query(
      `operation-page:${limit}:${after ? 'after' : 'first'}`,
      [applicationRef, after?.createdAt, after?.id],
      ([ref, createdAt, id]) => {
        const query = this.db(TABLE)
          .where('application_ref', ref)
          .orderBy([
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .limit(limit + 1);
        if (createdAt !== undefined) {
          query.where(q =>
            q
              .where('created_at', '<', createdAt)
              .orWhere(q2 =>
                q2.where('created_at', createdAt).where('id', '<', id!),
              ),
          );
        }
        return query;
      },
    );
    const items = rows.slice(0, limit).map(rowToOperation);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > limit
        ? {
            nextCursor: encodeCursor({
              createdAt: last.createdAt,
              id: last.id,
            }),
          }
        : {}),
    };
  }
}
