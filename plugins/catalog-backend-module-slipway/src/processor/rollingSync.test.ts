import { rollingSyncAnnotations, rollingSyncStepsOf } from './rollingSync';

// Progressive-Syncs.md: dev first, then qa (maxUpdate 0), then prod 10 % at a time
const strategy = {
  type: 'RollingSync',
  rollingSync: {
    steps: [
      {
        matchExpressions: [
          { key: 'envLabel', operator: 'In', values: ['env-dev'] },
        ],
      },
      {
        matchExpressions: [
          { key: 'envLabel', operator: 'In', values: ['env-qa'] },
        ],
        maxUpdate: 0,
      },
      {
        matchExpressions: [
          { key: 'envLabel', operator: 'In', values: ['env-prod'] },
        ],
        maxUpdate: '10%',
      },
    ],
  },
};

describe('RollingSync steps of an ApplicationSet', () => {
  it('reads the steps, and nothing for AllAtOnce or no strategy', () => {
    expect(rollingSyncStepsOf('web', { strategy })).toHaveLength(3);
    expect(
      rollingSyncStepsOf('web', { strategy: { type: 'AllAtOnce' } }),
    ).toBeUndefined();
    expect(rollingSyncStepsOf('web', {})).toBeUndefined();
  });

  it('annotates an Application with the first step its labels match, and that step’s maxUpdate', () => {
    const steps = rollingSyncStepsOf('web', { strategy }) as Exclude<
      ReturnType<typeof rollingSyncStepsOf>,
      undefined | { error: string }
    >;
    expect(rollingSyncAnnotations({ envLabel: 'env-dev' }, steps)).toEqual({
      'slipway.io/rolling-sync-step': '0',
    });
    expect(rollingSyncAnnotations({ envLabel: 'env-qa' }, steps)).toEqual({
      'slipway.io/rolling-sync-step': '1',
      'slipway.io/rolling-sync-max-update': '0',
    });
    expect(rollingSyncAnnotations({ envLabel: 'env-prod' }, steps)).toEqual({
      'slipway.io/rolling-sync-step': '2',
      'slipway.io/rolling-sync-max-update': '10%',
    });
    expect(rollingSyncAnnotations({ envLabel: 'env-test' }, steps)).toEqual({
      'slipway.io/rolling-sync-step': 'none',
    });
    // NotIn selects Applications without the label too
    const notIn = [
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn' as const, values: ['edge'] },
        ],
      },
    ];
    expect(rollingSyncAnnotations({}, notIn)).toEqual({
      'slipway.io/rolling-sync-step': '0',
    });
    expect(rollingSyncAnnotations({ tier: 'edge' }, notIn)).toEqual({
      'slipway.io/rolling-sync-step': 'none',
    });
  });

  it.each([
    [
      { type: 'Canary' },
      /spec\.strategy\.type is "Canary"; use AllAtOnce or RollingSync/,
    ],
    [{ type: 'RollingSync' }, /rollingSync\.steps must list the steps/],
    [
      {
        type: 'RollingSync',
        rollingSync: {
          steps: [
            {
              matchExpressions: [
                { key: 'env', operator: 'Exists', values: [] },
              ],
            },
          ],
        },
      },
      /steps\[0\]\.matchExpressions\[0\]\.operator is "Exists"; RollingSync steps take In or NotIn/,
    ],
    [
      {
        type: 'RollingSync',
        rollingSync: { steps: [{ matchExpressions: [], maxUpdate: 'half' }] },
      },
      /steps\[0\]\.maxUpdate must be a whole number or a percentage/,
    ],
  ])('refuses the strategy %j, naming the field', (bad, message) => {
    const result = rollingSyncStepsOf('web', { strategy: bad });
    expect(result).toMatchObject({ error: expect.stringMatching(message) });
  });
});
