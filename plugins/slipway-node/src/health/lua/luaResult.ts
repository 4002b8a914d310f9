import type { ResourceHealth } from '../types';
import { isHealthStatusCode } from '../types';

const LUA_TYPE: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  function: 'function',
  bigint: 'number',
  symbol: 'userdata',
  undefined: 'nil',
};

/** The value of a field as Go's `json.Unmarshal` picks it: names match case-insensitively, the last key in sorted order wins. */
function field(result: Record<string, unknown>, name: string): unknown {
  let value: unknown;
  for (const key of Object.keys(result).sort()) {
    if (
      key.toLowerCase() === name &&
      result[key] !== null &&
      result[key] !== undefined
    ) {
      value = result[key];
    }
  }
  return value;
}

/**
 * Turns what a health script returned into a health, as Argo CD reads it
 * (util/lua `ExecuteHealthLua`: the result is encoded to JSON and unmarshalled
 * into `{status, message}`):
 *
 * - no value (nil), an empty table or a list is an empty health (`null`):
 *   Argo CD returns an empty health status for them, which the resource
 *   shows as no health and which no other check replaces;
 * - a `status` or `message` that is not a string is an empty health too
 *   (Argo CD turns Go's unmarshal type error into an empty health status);
 * - a status that is not a health word is Unknown with Argo CD's "Lua
 *   returned an invalid health status";
 * - a value that is not a table is Unknown: "expect table output from Lua
 *   script, not <type>";
 * - a missing message is the empty string.
 */
export function luaResultToHealth(
  result: unknown,
  scriptName: string,
): ResourceHealth | null {
  if (result === null || result === undefined) return null;
  if (typeof result !== 'object') {
    return {
      status: 'Unknown',
      message: `${scriptName}: expect table output from Lua script, not ${
        LUA_TYPE[typeof result] ?? typeof result
      }`,
    };
  }
  if (Array.isArray(result)) return null;
  const record = result as Record<string, unknown>;
  if (Object.keys(record).length === 0) return null;
  const status = field(record, 'status');
  const message = field(record, 'message');
  if (status !== undefined && typeof status !== 'string') return null;
  if (message !== undefined && typeof message !== 'string') return null;
  if (!isHealthStatusCode(status)) {
    return {
      status: 'Unknown',
      message: `${scriptName}: Lua returned an invalid health status`,
    };
  }
  return { status, message: message ?? '' };
}
