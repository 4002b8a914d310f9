import { HealthScriptIndex } from './scriptIndex';

describe('HealthScriptIndex', () => {
  const index = new HealthScriptIndex([
    { group: 'argoproj.io', kind: 'Rollout' },
    { group: '_.crossplane.io', kind: '_' },
    { group: 'pkg.crossplane.io', kind: '_' },
    { group: 'core', kind: 'ConfigMap' },
  ]);

  it('finds an exact group/kind', () => {
    expect(index.find('argoproj.io', 'Rollout')).toEqual({
      group: 'argoproj.io',
      kind: 'Rollout',
    });
    expect(index.find('argoproj.io', 'Workflow')).toBeUndefined();
  });

  it('matches _ as a wildcard, preferring the most specific folder', () => {
    expect(index.find('aws.crossplane.io', 'Bucket')).toEqual({
      group: '_.crossplane.io',
      kind: '_',
    });
    expect(index.find('pkg.crossplane.io', 'Provider')).toEqual({
      group: 'pkg.crossplane.io',
      kind: '_',
    });
    expect(index.find('crossplane.io.evil.com', 'X')).toBeUndefined();
  });

  it('serves the core group from the core folder', () => {
    expect(index.find('', 'ConfigMap')).toEqual({
      group: 'core',
      kind: 'ConfigMap',
    });
  });

  it('can pick among matching wildcards by byte order instead', () => {
    const sorted = new HealthScriptIndex(
      [
        { group: 'pkg.crossplane.io', kind: '_' },
        { group: '_.crossplane.io', kind: '_' },
      ],
      { wildcardOrder: 'sorted' },
    );
    expect(sorted.find('pkg.crossplane.io', 'Provider')).toEqual({
      group: '_.crossplane.io',
      kind: '_',
    });
  });
});
