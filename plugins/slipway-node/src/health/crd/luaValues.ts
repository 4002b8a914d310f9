import type { HealthStatusCode } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { isNil, list } from '../fields';

/*
 * Lua's view of JSON values, for ports of Argo CD's Lua health scripts:
 * JSON null is nil, and a message the controller did not write stays
 * missing rather than becoming ''.
 */

/** Lua's truth: every value but nil (JSON null or missing) and false. */
export function luaTruthy(value: unknown): boolean {
  return !isNil(value) && value !== false;
}

/** Lua's `a or b`: `a` when it is true in Lua's sense, else `b`. */
export function luaOr(a: unknown, b: unknown): unknown {
  return luaTruthy(a) ? a : b;
}

/** Lua's `==` between two JSON values, with JSON null as nil. */
export function luaEquals(a: unknown, b: unknown): boolean {
  return (isNil(a) ? undefined : a) === (isNil(b) ? undefined : b);
}

/**
 * Lua's `a < b` of two JSON values: numbers by value, text byte by byte
 * (UTF-16 order, the same for the ASCII such fields hold); undefined where
 * Lua fails (mixed or other types).
 */
export function luaLessThan(a: unknown, b: unknown): boolean | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return undefined;
}

/** A health with the controller's own message, or none when it wrote none. */
export function withMessage(
  status: HealthStatusCode,
  message: unknown,
): ResourceHealth {
  return typeof message === 'string' ? { status, message } : { status };
}

/** A value as Lua's `..` joins it (text or a number); undefined where Lua would fail. */
export function luaText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Lua's `value or fallback` for text that ends up in a message. */
export function textOr(value: unknown, fallback: string): string {
  return luaText(value) ?? fallback;
}

/**
 * Unknown, where Argo CD's script stops with a Lua error (a missing field
 * joined into a message, say) and Argo CD shows the resource Unknown with
 * the interpreter's error; that text cannot be matched, so this names the
 * cause.
 */
export function scriptFailure(cause: string): ResourceHealth {
  return { status: 'Unknown', message: `health check failed: ${cause}` };
}

/**
 * The items of a JSON array as a script sees them: Argo CD builds the Lua
 * table by appending each item, and appending nil adds nothing, so null
 * items are left out (the ones after move up and the length shrinks).
 * Anything that is not an array has no items.
 */
export function luaItems(value: unknown): unknown[] {
  return list(value).filter(item => !isNil(item));
}
