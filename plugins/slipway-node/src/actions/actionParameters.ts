import vm from 'node:vm';
import type { ResourceActionInfo } from './resourceActions';
import { ResourceActionError } from './ResourceActionError';

/**
 * The values sent with an action, by name: Argo CD's
 * `resourceActionParameters`, where its UI names the one value of an action
 * that asks for one (`hasParameters`) after the action, e.g. `scale`.
 * @public
 */
export type ResourceActionParameters = Readonly<Record<string, string>>;

/** Longer values are refused before any pattern sees them. */
const MAX_VALUE_LENGTH = 1024;
/** How long a pattern may take on a value: a pattern that backtracks badly must not stall the backend. */
const MATCH_TIMEOUT_MS = 100;
const MATCH = new vm.Script('pattern.test(value)');

/** Whether the value matches, or undefined when the pattern took longer than allowed. */
function matches(pattern: RegExp, value: string): boolean | undefined {
  try {
    return Boolean(
      MATCH.runInNewContext({ pattern, value }, { timeout: MATCH_TIMEOUT_MS }),
    );
  } catch {
    return undefined;
  }
}

/** The pattern, when JavaScript can compile it; Argo CD's patterns are RE2, which nearly always agrees. */
function patternOf(regexp: string): RegExp | undefined {
  try {
    return new RegExp(regexp);
  } catch {
    return undefined;
  }
}

/**
 * Checks the values sent with an action against what its discovery asks
 * for: an action with `hasParameters` needs a value under its own name,
 * matching its `regexp`. Argo CD's UI checks this before it sends; checking
 * again here gives API callers the same clear answer instead of a script's
 * failure. Throws a {@link ResourceActionError} naming the object, the
 * action and the value. A value is at most 1024 characters, and a pattern
 * gets 100 ms on it: the pattern comes from configuration, the value from
 * any user allowed to run actions.
 * @public
 */
export function checkActionParameters(
  action: ResourceActionInfo,
  what: string,
  params: ResourceActionParameters,
): void {
  if (!action.hasParameters) return;
  // own values only: an action named like an Object method has none by inheritance
  const value = Object.hasOwn(params, action.name)
    ? params[action.name]
    : undefined;
  if (value === undefined || value === '') {
    throw new ResourceActionError(
      `action '${
        action.name
      }' of ${what} needs a value: send parameters [{"name": "${
        action.name
      }", "value": ...}]${
        action.defaultValue !== undefined
          ? ` (its current value is ${action.defaultValue})`
          : ''
      }`,
      'invalidParameters',
    );
  }
  if (value.length > MAX_VALUE_LENGTH) {
    throw new ResourceActionError(
      `action '${action.name}' of ${what} refuses a value of ${value.length} characters: send at most ${MAX_VALUE_LENGTH}`,
      'invalidParameters',
    );
  }
  const pattern = action.regexp ? patternOf(action.regexp) : undefined;
  const matched = pattern ? matches(pattern, value) : true;
  if (matched === undefined) {
    throw new ResourceActionError(
      `action '${
        action.name
      }' of ${what} could not check the value ${JSON.stringify(
        value,
      )} against its pattern ${
        action.regexp
      } within ${MATCH_TIMEOUT_MS} ms; send a shorter value, or ask an administrator to simplify the action's regexp`,
      'invalidParameters',
    );
  }
  if (!matched) {
    throw new ResourceActionError(
      `action '${action.name}' of ${what} refuses the value ${JSON.stringify(
        value,
      )}: ${action.errorMessage || `it must match ${action.regexp}`}`,
      'invalidParameters',
    );
  }
}
