import type { Knex } from 'knex';

/** Prepared statements kept per connection; the hot store queries are far fewer. */
const STATEMENTS_PER_CONNECTION = 256;

interface PreparingConnection {
  prepare(sql: string): unknown;
}

const cachedConnections = new WeakSet<object>();
const cachingClients = new WeakSet<object>();

/**
 * Makes a better-sqlite3 knex client reuse prepared statements.
 *
 * knex prepares every query anew on better-sqlite3, and preparing costs more
 * than running the store's small indexed queries (about an eighth of the
 * engine's CPU when a thousand applications sync). A statement depends only
 * on its SQL text and connection, and better-sqlite3 runs it synchronously,
 * so one prepared statement per SQL text and connection can serve every
 * call; SQLite re-prepares it by itself after a schema change. Statements
 * are kept per connection (a closed connection drops them with it), oldest
 * evicted first. Other clients (PostgreSQL) are left as they are. Slipway
 * never sets knex's per-query `safeIntegers` option, the one state knex
 * changes on a statement.
 */
export function cacheSqliteStatements(knex: Knex): void {
  const client = knex.client as {
    driverName?: string;
    _query?: (connection: PreparingConnection, query: unknown) => unknown;
  };
  if (client.driverName !== 'better-sqlite3' || cachingClients.has(client)) {
    return;
  }
  const query = client._query;
  if (typeof query !== 'function') {
    return;
  }
  cachingClients.add(client);
  client._query = function cachedQuery(connection, obj) {
    if (connection && !cachedConnections.has(connection)) {
      cachePrepare(connection);
    }
    return query.call(this, connection, obj);
  };
}

function cachePrepare(connection: PreparingConnection) {
  cachedConnections.add(connection);
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size >= STATEMENTS_PER_CONNECTION) {
        statements.delete(statements.keys().next().value!);
      }
    } else {
      statements.delete(sql);
    }
    // Most recently used last, so eviction drops the least recently used.
    statements.set(sql, statement);
    return statement;
  };
}
