import type { ResourceActionInfo } from './resourceActions';
import { ResourceActionError } from './ResourceActionError';

/**
 * The values sent with an action, by name: Argo CD's
 * `resourceActionParameters`, where its UI names the one value of an action
 * that asks for one (`hasParameters`) after the action, e.g. `scale`.
 * @public
 */
export type ResourceActionParameters = Readonly<Record<string, string>>;

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
 * action and the value. Pure.
 * @public
 */
export function checkActionParameters(
  action: ResourceActionInfo,
  what: string,
  params: ResourceActionParameters,
): void {
  if (!action.hasParameters) return;
  const value = params[action.name];
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
  const pattern = action.regexp ? patternOf(action.regexp) : undefined;
  if (pattern && !pattern.test(value)) {
    throw new ResourceActionError(
      `action '${action.name}' of ${what} refuses the value ${JSON.stringify(
        value,
      )}: ${action.errorMessage || `it must match ${action.regexp}`}`,
      'invalidParameters',
    );
  }
}
