import {
  checkActionParameters,
  type ResourceActionParameters,
} from './actionParameters';
import { ResourceActionError } from './ResourceActionError';

const scale = {
  name: 'scale',
  disabled: false,
  hasParameters: true,
  defaultValue: '3',
  regexp: '^[1-9][0-9]*$',
  errorMessage: 'Enter any valid number more than 0',
};

const reasonOf = (run: () => void) => {
  try {
    run();
  } catch (e) {
    return e instanceof ResourceActionError ? e.reason : String(e);
  }
  return undefined;
};

describe('checkActionParameters', () => {
  it('accepts any values for an action that asks for none', () => {
    expect(
      reasonOf(() =>
        checkActionParameters({ name: 'restart', disabled: false }, 'x', {
          restart: 'anything',
        }),
      ),
    ).toBeUndefined();
  });

  it('accepts a value under the action’s own name that matches its pattern', () => {
    expect(
      reasonOf(() =>
        checkActionParameters(scale, 'Deployment shop/web', { scale: '12' }),
      ),
    ).toBeUndefined();
  });

  it('refuses a missing or empty value, naming the parameter to send and the current value', () => {
    const sent: ResourceActionParameters[] = [
      {},
      { scale: '' },
      { replicas: '2' },
    ];
    for (const params of sent) {
      expect(() =>
        checkActionParameters(scale, 'Deployment shop/web', params),
      ).toThrow(
        'action \'scale\' of Deployment shop/web needs a value: send parameters [{"name": "scale", "value": ...}] (its current value is 3)',
      );
      expect(
        reasonOf(() =>
          checkActionParameters(scale, 'Deployment shop/web', params),
        ),
      ).toBe('invalidParameters');
    }
  });

  it("refuses a value that does not match, with the action's own error message or the pattern", () => {
    expect(() =>
      checkActionParameters(scale, 'Deployment shop/web', { scale: '0' }),
    ).toThrow(
      'action \'scale\' of Deployment shop/web refuses the value "0": Enter any valid number more than 0',
    );
    expect(() =>
      checkActionParameters(
        { ...scale, errorMessage: undefined },
        'Deployment shop/web',
        { scale: 'x' },
      ),
    ).toThrow(
      'action \'scale\' of Deployment shop/web refuses the value "x": it must match ^[1-9][0-9]*$',
    );
  });

  it('refuses a value that makes the pattern backtrack for too long, instead of stalling the backend', () => {
    expect(() =>
      checkActionParameters(
        { ...scale, regexp: '^([a-z0-9]+-?)*$' },
        'Deployment shop/web',
        { scale: `${'a'.repeat(40)}!` },
      ),
    ).toThrow(
      /could not check the value "a+!" against its pattern \^\(\[a-z0-9\]\+-\?\)\*\$ within 100 ms; send a shorter value, or ask an administrator to simplify the action's regexp/,
    );
  });

  it('refuses a value longer than 1024 characters before any pattern sees it', () => {
    expect(() =>
      checkActionParameters(scale, 'Deployment shop/web', {
        scale: '1'.repeat(1025),
      }),
    ).toThrow(
      "action 'scale' of Deployment shop/web refuses a value of 1025 characters: send at most 1024",
    );
  });

  it('does not take a value from what every object inherits', () => {
    expect(
      reasonOf(() =>
        checkActionParameters(
          { name: 'constructor', disabled: false, hasParameters: true },
          'Deployment shop/web',
          {},
        ),
      ),
    ).toBe('invalidParameters');
  });

  it('does not hold a value against a pattern JavaScript cannot read', () => {
    expect(
      reasonOf(() =>
        checkActionParameters(
          { ...scale, regexp: '(?P<n>[0-9]+' },
          'Deployment shop/web',
          { scale: 'anything' },
        ),
      ),
    ).toBeUndefined();
  });
});
