import type { ResourceHealth } from '../types';
import { isHealthStatusCode } from '../types';

/**
 * Turns what a health script returned into a health, with Argo CD's rules:
 * the script must return a table whose `status` is a health word; a missing
 * message is the empty string; anything else is Unknown with the reason.
 */
export function luaResultToHealth(
  result: unknown,
  scriptName: string,
): ResourceHealth {
  if (result === null || typeof result !== 'object') {
    const type =
      result === undefined || result === null ? 'nil' : typeof result;
    return {
      status: 'Unknown',
      message: `${scriptName}: expect table output from Lua script, not ${type}`,
    };
  }
  const { status, message } = result as Record<string, unknown>;
  if (!isHealthStatusCode(status)) {
    return {
      status: 'Unknown',
      message: `${scriptName}: Lua returned an invalid health status`,
    };
  }
  let text = '';
  if (typeof message === 'string') text = message;
  else if (typeof message === 'number' || typeof message === 'boolean') {
    text = String(message);
  }
  return { status, message: text };
}
