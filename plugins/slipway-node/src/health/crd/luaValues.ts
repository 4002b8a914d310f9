import type { HealthStatusCode } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { isNil } from '../fields';

/*
 * Lua's view of JSON values, for ports of Argo CD's Lua health scripts:
 * JSON null is nil, and a message the controller did not write stays
 * missing rather than becoming ''.
 */

/** Lua's `==` between two JSON values, with JSON null as nil. */
export function luaEquals(a: unknown, b: unknown): boolean {
  return (isNil(a) ? undefined : a) === (isNil(b) ? undefined : b);
}

/** A health with the controller's own message, or none when it wrote none. */
export function withMessage(
  status: HealthStatusCode,
  message: unknown,
): ResourceHealth {
  return typeof message === 'string' ? { status, message } : { status };
}
