import type { Knex } from 'knex';

/** Shapes kept per store; each hot statement has a handful. */
const MAX_SHAPES = 256;

/** A value of a statement: bound as a parameter, or null/undefined, which knex compiles differently. */
export type StatementValue = string | number | boolean | null | undefined;

type Binding = { slot: number } | { constant: unknown };

interface Template {
  /** knex's compiled query, less its bindings. */
  compiled: Record<string, unknown>;
  bindings: Binding[];
}

const SLOT_MARK = '\u0000slipway-slot:';

let queryCount = 0;

/** How a value's null-ness marks the shape. */
const NULLNESS: Record<string, string> = { null: ':n', undefined: ':u' };

/**
 * Runs hot store statements without compiling them each time.
 *
 * knex compiles a query builder into SQL on every call, which costs more
 * than SQLite's own work for the store's small statements (the status
 * upsert compiles in ~20 µs and runs in ~15). The SQL of a statement
 * depends on its shape, not on its values, so it is compiled once per shape
 * with a marker in each value's place; later calls run the same compiled
 * query with their values put where the markers were. The query still runs
 * through knex (connection pool, transactions, query events) and its result
 * is read as knex reads the builder's, on every database.
 *
 * A null or undefined value changes the SQL (`where x is null`, a column
 * left out), so which values are null or undefined is part of the shape.
 */
export class CompiledStatements {
  private readonly templates = new Map<string, Template>();

  constructor(private readonly db: Knex) {}

  /**
   * The query `build` makes from `values`, compiled once per `shape`. The
   * shape names everything about the query besides the values (e.g. which
   * columns it writes). `build` passes the values to knex; it may look at
   * whether one is null or undefined, never at what it is.
   */
  query(
    shape: string,
    values: StatementValue[],
    build: (values: StatementValue[]) => Knex.QueryBuilder,
  ): Knex.QueryBuilder {
    let key = shape;
    for (const value of values) {
      key += NULLNESS[value === null ? 'null' : typeof value] ?? ':v';
    }
    let template = this.templates.get(key);
    if (!template) {
      template = compile(shape, values, build);
      if (this.templates.size >= MAX_SHAPES) {
        this.templates.delete(this.templates.keys().next().value!);
      }
      this.templates.set(key, template);
    }
    const compiled = {
      ...template.compiled,
      bindings: template.bindings.map(b =>
        'slot' in b ? values[b.slot] : b.constant,
      ),
      // knex's query events tell queries apart by this id
      __knexQueryUid: `slipway-statement-${++queryCount}`,
    };
    const builder = this.db.queryBuilder();
    builder.toSQL = () => compiled as any;
    return builder;
  }

  /**
   * Inserts `rows` into `table`, compiled once per table, row count and
   * columns; the rows have the same columns. With `returning`, the insert
   * returns those columns of the new rows.
   */
  insert(
    table: string,
    rows: Array<Record<string, StatementValue>>,
    returning?: string,
  ): Knex.QueryBuilder {
    const columns = Object.keys(rows[0] ?? {});
    const values = rows.flatMap(row => columns.map(column => row[column]));
    return this.query(
      `insert:${table}:${rows.length}:${columns}:${returning ?? ''}`,
      values,
      v => {
        const compiledRows = rows.map((_, i) =>
          Object.fromEntries(
            columns.map((column, j) => [column, v[i * columns.length + j]]),
          ),
        );
        const insert = this.db(table).insert(compiledRows);
        return returning ? insert.returning(returning) : insert;
      },
    );
  }
}

function compile(
  shape: string,
  values: StatementValue[],
  build: (values: StatementValue[]) => Knex.QueryBuilder,
): Template {
  const markers = values.map((value, i) =>
    value === null || value === undefined ? value : `${SLOT_MARK}${i}`,
  );
  const sql = build(markers).toSQL();
  if (Array.isArray(sql)) {
    throw new Error(
      `Statement ${shape} compiles to several queries and cannot be reused`,
    );
  }
  // toNative would format the markers: the runner does not use it
  const {
    bindings,
    toNative: _unused,
    ...compiled
  } = sql as unknown as { bindings: unknown[] } & Record<string, unknown>;
  if (String(compiled.sql).includes(SLOT_MARK)) {
    throw new Error(
      `Statement ${shape} puts a value into its SQL text instead of binding it`,
    );
  }
  const seen = new Set<number>();
  const template: Template = {
    compiled,
    bindings: bindings.map(binding => {
      if (typeof binding === 'string' && binding.startsWith(SLOT_MARK)) {
        const slot = Number(binding.slice(SLOT_MARK.length));
        seen.add(slot);
        return { slot };
      }
      return { constant: binding };
    }),
  };
  markers.forEach((marker, i) => {
    if (marker !== null && marker !== undefined && !seen.has(i)) {
      throw new Error(
        `Statement ${shape} does not bind its value ${i}; knex changed it or left it out`,
      );
    }
  });
  return template;
}
