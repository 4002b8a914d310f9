/**
 * Small readers for unstructured Kubernetes objects. Live objects are
 * untrusted input: every reader tolerates a missing or mistyped field and
 * falls back to the zero value, as a typed client would.
 */

/** True for undefined and null (Lua's nil). */
export function isNil(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** A plain object (not null, not an array), or an empty one. */
export function record(value: unknown): Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : {};
}

/** The value at a path of keys, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A string field, or '' (Go's zero value). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An integer field, or 0. Numeric strings count, as in JSON decoding of int-or-string. */
export function int(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    return Number(value);
  }
  return 0;
}

/** An integer field, or undefined when absent (Go's *int32). */
export function optInt(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : int(value);
}

/** An array field, or []. */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** A status condition as most controllers write it. */
export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** The `status.conditions` of an object, each field defaulting to ''. */
export function conditionsOf(obj: unknown): Condition[] {
  return list(at(obj, 'status', 'conditions')).map(c => {
    const r = record(c);
    return {
      type: str(r.type),
      status: str(r.status),
      reason: str(r.reason),
      message: str(r.message),
      lastTransitionTime:
        typeof r.lastTransitionTime === 'string'
          ? r.lastTransitionTime
          : undefined,
    };
  });
}

/**
 * The `status.conditions` of an object as written, for checks that tell a
 * missing field from '' (as Lua's nil): each entry a record, fields untouched.
 */
export function rawConditionsOf(obj: unknown): Record<string, any>[] {
  return list(at(obj, 'status', 'conditions')).map(record);
}

/** The first condition of a type, or undefined. */
export function findCondition(
  conditions: Condition[],
  type: string,
): Condition | undefined {
  return conditions.find(c => c.type === type);
}
