import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { CompiledStatements } from './CompiledStatements';
import {
  fromDbInteger,
  fromDbJson,
  fromDbTime,
  optional,
  toDbJson,
  toDbTime,
} from './dbValues';
import type {
  HistoryEntry,
  HistoryEntryInput,
  HistoryStore,
} from './HistoryStore';

const TABLE = 'slipway_history';

function rowToEntry(row: Record<string, unknown>): HistoryEntry {
  const entry: HistoryEntry = {
    id: fromDbInteger(row.id),
    applicationRef: String(row.application_ref),
    revision: String(row.revision),
    source: fromDbJson(row.source, {}),
    initiator: String(row.initiator),
    deployedAt: fromDbTime(row.deployed_at)!,
  };
  const extras: Partial<HistoryEntry> = {
    deployStartedAt: fromDbTime(row.deploy_started_at),
    commitAuthor: optional(row.commit_author as string | null),
    commitMessage: optional(row.commit_message as string | null),
    operationId: optional(row.operation_id as string | null),
  };
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined) {
      (entry as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return entry;
}

function checkLimit(limit: number, applicationRef: string): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InputError(
      `History limit of ${applicationRef} must be a positive integer (Argo CD's revisionHistoryLimit), got ${limit}`,
    );
  }
}

/** {@link HistoryStore} on a knex database. */
export class DatabaseHistoryStore implements HistoryStore {
  private readonly statements: CompiledStatements;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
    private readonly defaultLimit: number,
  ) {
    checkLimit(defaultLimit, 'the store');
    this.statements = new CompiledStatements(db);
  }

  async addHistory(
    entry: HistoryEntryInput,
    options: { limit?: number } = {},
  ): Promise<HistoryEntry> {
    const what = `History entry of ${entry?.applicationRef}`;
    for (const key of ['applicationRef', 'revision', 'initiator'] as const) {
      if (typeof entry?.[key] !== 'string' || entry[key] === '') {
        throw new InputError(`${what}: ${key} must be a non-empty string`);
      }
    }
    if (
      !entry.source ||
      typeof entry.source !== 'object' ||
      Array.isArray(entry.source)
    ) {
      throw new InputError(
        `${what}: source must be the Application source object that was deployed`,
      );
    }
    const limit = options.limit ?? this.defaultLimit;
    checkLimit(limit, entry.applicationRef);

    const row = {
      application_ref: entry.applicationRef,
      revision: entry.revision,
      source: toDbJson(entry.source),
      initiator: entry.initiator,
      deploy_started_at: entry.deployStartedAt
        ? toDbTime(entry.deployStartedAt)
        : null,
      deployed_at: toDbTime(entry.deployedAt ?? this.now()),
      commit_author: entry.commitAuthor ?? null,
      commit_message: entry.commitMessage ?? null,
      operation_id: entry.operationId ?? null,
    };
    const [inserted] = await this.statements.insert(TABLE, [row], 'id');
    const id = fromDbInteger(
      typeof inserted === 'object' ? (inserted as { id: unknown }).id : inserted,
    );
    // Keep the newest `limit` entries of this application: delete those older
    // than the limit-th newest (none while there are fewer; the comparison
    // with no row is NULL). One index range instead of a NOT IN list. No
    // transaction: a trim that does not happen leaves an extra entry until
    // the next one, and one application records one deployment at a time.
    await this.statements.query(
      `history-trim:${limit}`,
      [entry.applicationRef],
      ([ref]) => {
        const oldestKept = this.db(TABLE)
          .select('id')
          .where('application_ref', ref)
          .orderBy('id', 'desc')
          .offset(limit - 1)
          .limit(1);
        return this.db(TABLE)
          .where('application_ref', ref)
          .where('id', '<', oldestKept)
          .delete();
      },
    );
    return rowToEntry({ ...row, id });
  }

  async listHistory(applicationRef: string): Promise<HistoryEntry[]> {
    const rows = await this.db(TABLE)
      .where('application_ref', applicationRef)
      .orderBy('id', 'desc');
    return rows.map(rowToEntry);
  }

  async getHistory(
    applicationRef: string,
    id: number,
  ): Promise<HistoryEntry | undefined> {
    if (!Number.isSafeInteger(id)) {
      return undefined;
    }
    const row = await this.db(TABLE)
      .where({ application_ref: applicationRef, id })
      .first();
    return row ? rowToEntry(row) : undefined;
  }
}
