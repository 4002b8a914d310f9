import { InputError } from '@backstage/errors';

/**
 * Conversions between JavaScript values and the portable column types of
 * Slipway's schema (JSON as text, times as timestamps), so that SQLite and
 * PostgreSQL read back the same values.
 */

/** A time as stored: always an ISO 8601 string in UTC, which orders correctly as text. */
export function toDbTime(time: Date | string): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(
      `Invalid time ${JSON.stringify(time)}: expected an ISO 8601 date-time`,
    );
  }
  return date.toISOString();
}

/** A stored time as an ISO 8601 string; PostgreSQL returns Date objects, SQLite strings. */
export function fromDbTime(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  return new Date(String(value)).toISOString();
}

export function toDbJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromDbJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') {
    return fallback;
  }
  if (typeof value !== 'string') {
    return value as T;
  }
  return JSON.parse(value) as T;
}

/** Null and undefined both mean "no value" on the way out. */
export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null || value === undefined ? undefined : value;
}

/** A stored integer; PostgreSQL returns bigint columns as strings. */
export function fromDbInteger(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Whether an error is a unique-constraint violation (PostgreSQL 23505,
 * SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, MySQL ER_DUP_ENTRY).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY'
  );
}

/** A row refers to one that does not exist (PostgreSQL, SQLite, MySQL codes). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'ER_NO_REFERENCED_ROW_2';
}

/** Opaque cursors: base64url of a JSON value. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError(
      `Invalid cursor for ${what}: pass the nextCursor value of a previous page unchanged, or omit it to start from the first page`,
    );
  }
}
