import { followEnvironment, retargetParameters } from './retarget';

describe('followEnvironment', () => {
  it.each([
    ['orders-dev', 'orders-qa'],
    ['dev-orders', 'qa-orders'],
    ['dev', 'qa'],
    ['orders.dev.internal', 'orders.qa.internal'],
  ])('swaps the environment name in %s', (value, expected) => {
    expect(followEnvironment(value, 'dev', 'qa')).toBe(expected);
  });

  it.each([['devtools'], ['orders'], ['']])('leaves %j alone: it does not name the environment', value => {
    expect(followEnvironment(value, 'dev', 'qa')).toBeUndefined();
  });
});

describe('retargetParameters', () => {
  const r = {
    from: 'dev',
    to: 'qa',
    baseDestinations: [{ name: 'embedded', namespace: 'orders-dev' }],
    cluster: { name: 'edge', server: 'https://edge.example.com' },
  };

  it('moves the name, cluster and namespace of the base environment and copies the rest', () => {
    expect(
      retargetParameters(
        { env: 'dev', cluster: { name: 'embedded' }, namespace: 'orders-dev', tag: '1.0.0', hosts: ['dev'] },
        r,
      ),
    ).toEqual({ env: 'qa', cluster: { name: 'edge' }, namespace: 'orders-qa', tag: '1.0.0', hosts: ['qa'] });
  });

  it('gives the requested namespace to values that were the base namespace', () => {
    expect(retargetParameters({ namespace: 'orders-dev' }, { ...r, namespace: 'orders-test' })).toEqual({
      namespace: 'orders-test',
    });
  });

  it('keeps a namespace that does not name the base environment', () => {
    expect(retargetParameters({ namespace: 'orders' }, { ...r, baseDestinations: [{ namespace: 'orders' }] })).toEqual({
      namespace: 'orders',
    });
  });
});
