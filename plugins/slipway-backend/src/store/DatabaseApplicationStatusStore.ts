import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type {
  ApplicationStatus,
  ApplicationStatusField,
  ApplicationStatusFilter,
  ApplicationStatusPage,
  ApplicationStatusStore,
  ApplicationStatusUpdate,
  ListApplicationStatusesOptions,
} from './ApplicationStatusStore';
import {
  decodeCursor,
  encodeCursor,
  fromDbJson,
  fromDbTime,
  optional,
  toDbJson,
  toDbTime,
} from './dbValues';
import { CompiledStatements, type StatementValue } from './CompiledStatements';
import { validateStatusUpdate } from './validation';

const TABLE = 'slipway_application_status';

type ColumnKind = 'text' | 'time' | 'json';

/** How each field is stored. */
const COLUMNS: Record<ApplicationStatusField, [string, ColumnKind]> = {
  entityRef: ['entity_ref', 'text'],
  componentRef: ['component_ref', 'text'],
  project: ['project', 'text'],
  cluster: ['cluster', 'text'],
  namespace: ['namespace', 'text'],
  environment: ['environment', 'text'],
  owner: ['owner', 'text'],
  syncStatus: ['sync_status', 'text'],
  syncChangedAt: ['sync_changed_at', 'time'],
  healthStatus: ['health_status', 'text'],
  healthMessage: ['health_message', 'text'],
  healthChangedAt: ['health_changed_at', 'time'],
  revision: ['revision', 'text'],
  commit: ['commit', 'json'],
  conditions: ['conditions', 'json'],
  resources: ['resources', 'json'],
  versions: ['versions', 'json'],
  reconciledAt: ['reconciled_at', 'time'],
  updatedAt: ['updated_at', 'time'],
};

const ALL_FIELDS = Object.keys(COLUMNS) as ApplicationStatusField[];

/** Defaults of fields a reader always gets, even when never written. */
const DEFAULTS: Partial<Record<ApplicationStatusField, unknown>> = {
  syncStatus: 'Unknown',
  healthStatus: 'Unknown',
  conditions: [],
  resources: [],
  versions: { images: [], charts: [] },
};

const FILTER_COLUMNS: Record<keyof ApplicationStatusFilter, string> = {
  entityRef: 'entity_ref',
  componentRef: 'component_ref',
  project: 'project',
  cluster: 'cluster',
  namespace: 'namespace',
  environment: 'environment',
  owner: 'owner',
  syncStatus: 'sync_status',
  healthStatus: 'health_status',
};

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

function toColumnValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) {
    return null;
  }
  switch (kind) {
    case 'json':
      return toDbJson(value);
    case 'time':
      return toDbTime(value as string);
    default:
      return value;
  }
}

function rowToStatus(
  row: Record<string, unknown>,
  fields: readonly ApplicationStatusField[],
): Partial<ApplicationStatus> {
  const status: Record<string, unknown> = {};
  for (const field of fields) {
    const [column, kind] = COLUMNS[field];
    const raw = row[column];
    let value: unknown;
    if (kind === 'json') {
      value = fromDbJson(raw, DEFAULTS[field]);
    } else if (kind === 'time') {
      value = fromDbTime(raw);
    } else {
      value = optional(raw) ?? DEFAULTS[field];
    }
    if (value !== undefined) {
      status[field] = value;
    }
  }
  return status as Partial<ApplicationStatus>;
}

function checkFields(
  fields: readonly string[] | undefined,
): ApplicationStatusField[] {
  if (!fields || fields.length === 0) {
    return ALL_FIELDS;
  }
  const unknown = fields.filter(f => !(f in COLUMNS));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown application status field(s) ${unknown.join(
        ', ',
      )}; known fields are ${ALL_FIELDS.join(', ')}`,
    );
  }
  return Array.from(
    new Set(['entityRef', ...fields]),
  ) as ApplicationStatusField[];
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError(
      `Page size (limit) must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`,
    );
  }
  return limit;
}

function applyFilter(
  query: Knex.QueryBuilder,
  filter: ApplicationStatusFilter | undefined,
): void {
  for (const [key, value] of Object.entries(filter ?? {})) {
    const column = FILTER_COLUMNS[key as keyof ApplicationStatusFilter];
    if (!column) {
      throw new InputError(
        `Unknown application filter ${key}; known filters are ${Object.keys(
          FILTER_COLUMNS,
        ).join(', ')}`,
      );
    }
    if (value === undefined) {
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.some(v => typeof v !== 'string')) {
      throw new InputError(
        `Application filter ${key} must be a string or a list of strings`,
      );
    }
    if (values.length === 1) {
      query.where(column, values[0]);
    } else {
      query.whereIn(column, values);
    }
  }
}

/** Longer lists of entity refs are matched in this process instead of with an IN list. */
const LONGEST_REF_LIST = 500;

/** {@link ApplicationStatusStore} on a knex database. */
export class DatabaseApplicationStatusStore implements ApplicationStatusStore {
  private readonly statements: CompiledStatements;

  constructor(private readonly db: Knex, private readonly now: () => Date) {
    this.statements = new CompiledStatements(db);
  }

  upsertApplicationStatus(
    update: ApplicationStatusUpdate,
  ): Promise<ApplicationStatus>;
  upsertApplicationStatus<F extends ApplicationStatusField>(
    update: ApplicationStatusUpdate,
    options: { fields: F[] },
  ): Promise<Pick<ApplicationStatus, F | 'entityRef'>>;
  async upsertApplicationStatus(
    update: ApplicationStatusUpdate,
    options?: { fields: ApplicationStatusField[] },
  ): Promise<Partial<ApplicationStatus>> {
    validateStatusUpdate(update);
    // all fields unless some are asked for; the row comes back with just those
    const fields = checkFields(options?.fields);
    const returning =
      fields === ALL_FIELDS ? ['*'] : fields.map(f => COLUMNS[f][0]);
    const now = toDbTime(this.now());
    // columns map to the index of their value; the status words' change times are merged by rule
    const values: StatementValue[] = [update.entityRef, now];
    const slot = (value: StatementValue) => values.push(value) - 1;
    const insert: Record<string, number> = {
      entity_ref: 0,
      sync_status: slot(update.syncStatus ?? 'Unknown'),
      health_status: slot(update.healthStatus ?? 'Unknown'),
      sync_changed_at: 1,
      health_changed_at: 1,
      updated_at: 1,
    };
    const merge: Record<string, number> = { updated_at: 1 };
    const kept: Array<{ column: string; since: string; word: number }> = [];
    for (const [field, value] of Object.entries(update)) {
      const column = COLUMNS[field as ApplicationStatusField];
      if (!column || value === undefined || field === 'entityRef') {
        continue;
      }
      const [name, kind] = column;
      if (field === 'syncStatus' || field === 'healthStatus') {
        const word = insert[name];
        merge[name] = word;
        // The time the status word last changed: kept while it stays the same.
        kept.push({ column: name, since: field === 'syncStatus' ? 'sync_changed_at' : 'health_changed_at', word });
        continue;
      }
      insert[name] = slot(toColumnValue(kind, value) as StatementValue);
      merge[name] = insert[name];
    }
    const shape = `status-upsert:${Object.keys(insert)}:${Object.keys(merge)}:${kept.map(k => k.column)}:${returning}`;
    const [row] = await this.statements.query(shape, values, v => {
      const merged: Record<string, unknown> = {};
      for (const [name, i] of Object.entries(merge)) merged[name] = v[i];
      for (const { column, since, word } of kept) {
        merged[since] = this.db.raw('CASE WHEN ??.?? = ? THEN ??.?? ELSE ? END', [TABLE, column, v[word] as string, TABLE, since, v[1] as string]);
      }
      const inserted: Record<string, unknown> = {};
      for (const [name, i] of Object.entries(insert)) inserted[name] = v[i];
      return this.db(TABLE).insert(inserted).onConflict('entity_ref').merge(merged).returning(returning);
    });
    // PostgreSQL and SQLite return the row; other databases are read back
    const stored =
      row && typeof row === 'object' && row.entity_ref === update.entityRef
        ? rowToStatus(row, fields)
        : await this.getApplicationStatus(update.entityRef);
    if (!stored) {
      throw new Error(
        `Status of ${update.entityRef} was written but cannot be read back`,
      );
    }
    return stored;
  }

  async getApplicationStatus(
    entityRef: string,
  ): Promise<ApplicationStatus | undefined> {
    const row = await this.db(TABLE).where('entity_ref', entityRef).first();
    return row
      ? (rowToStatus(row, ALL_FIELDS) as ApplicationStatus)
      : undefined;
  }

  async listApplicationStatuses(
    options: ListApplicationStatusesOptions = {},
  ): Promise<ApplicationStatusPage> {
    const fields = checkFields(options.fields);
    const limit = checkLimit(options.limit);
    const offset = options.offset ?? 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError(
        `Offset must be a non-negative integer, got ${offset}`,
      );
    }

    const refs = options.filter?.entityRef;
    if (Array.isArray(refs) && refs.length > LONGEST_REF_LIST) {
      return this.listWithin(new Set(refs), { ...options, fields, limit, offset });
    }

    const filtered = this.db(TABLE);
    applyFilter(filtered, options.filter);

    const page = filtered
      .clone()
      .select(fields.map(f => COLUMNS[f][0]))
      .orderBy('entity_ref', 'asc')
      .limit(limit + 1);
    if (options.cursor) {
      const after = decodeCursor(options.cursor, 'the application list');
      if (typeof after !== 'string') {
        throw new InputError(
          'Invalid cursor for the application list: pass the nextCursor value of a previous page unchanged',
        );
      }
      page.where('entity_ref', '>', after);
    } else if (offset > 0) {
      page.offset(offset);
    }

    const [rows, [{ count }]] = await Promise.all([
      page,
      filtered.clone().count({ count: '*' }),
    ]);
    const more = rows.length > limit;
    const items = rows
      .slice(0, limit)
      .map((row: Record<string, unknown>) => rowToStatus(row, fields));
    return {
      items,
      totalCount: Number(count),
      ...(more
        ? { nextCursor: encodeCursor(items[items.length - 1].entityRef) }
        : {}),
    };
  }

  /**
   * A page among many given entity refs (e.g. the thousands of Applications
   * a user may see): the refs matching the other filters are read (one
   * column) and kept when given, and only the page's rows are read whole.
   * An IN list of thousands of values cost more than the query itself.
   */
  private async listWithin(
    visible: Set<string>,
    options: ListApplicationStatusesOptions & { fields: ApplicationStatusField[]; limit: number; offset: number },
  ): Promise<ApplicationStatusPage> {
    const { entityRef: _given, ...others } = options.filter ?? {};
    const refsMatching = async (after?: string) => {
      const query = this.db(TABLE).select('entity_ref').orderBy('entity_ref', 'asc');
      applyFilter(query, others);
      if (after !== undefined) query.where('entity_ref', '>', after);
      const rows: Array<{ entity_ref: string }> = await query;
      return rows.map(r => r.entity_ref).filter(ref => visible.has(ref));
    };
    let after: string | undefined;
    if (options.cursor) {
      const decoded = decodeCursor(options.cursor, 'the application list');
      if (typeof decoded !== 'string') {
        throw new InputError(
          'Invalid cursor for the application list: pass the nextCursor value of a previous page unchanged',
        );
      }
      after = decoded;
    }
    const all = await refsMatching();
    const rest = after === undefined ? all.slice(options.offset) : await refsMatching(after);
    const pageRefs = rest.slice(0, options.limit);
    const rows = pageRefs.length
      ? await this.db(TABLE)
          .select(options.fields.map(f => COLUMNS[f][0]))
          .whereIn('entity_ref', pageRefs)
          .orderBy('entity_ref', 'asc')
      : [];
    const items = rows.map((row: Record<string, unknown>) => rowToStatus(row, options.fields));
    return {
      items,
      totalCount: all.length,
      ...(rest.length > options.limit && items.length > 0
        ? { nextCursor: encodeCursor(items[items.length - 1].entityRef) }
        : {}),
    };
  }

  async deleteApplicationStatus(entityRef: string): Promise<boolean> {
    const deleted = await this.db(TABLE)
      .where('entity_ref', entityRef)
      .delete();
    return deleted > 0;
  }
}
