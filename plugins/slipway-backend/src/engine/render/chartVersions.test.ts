import {
  isExactVersion,
  newestStableVersion,
  newestVersions,
  pickChartVersion,
  toSemverRange,
} from './chartVersions';

describe('chart versions', () => {
  const versions = [
    '0.9.0',
    '1.0.0',
    '1.2.0',
    '1.2.5',
    '1.3.0',
    '2.0.0-rc.1',
    '2.0.0+build.3',
  ];

  it.each([
    ['1.2.0', '1.2.0'],
    ['', '2.0.0+build.3'],
    ['*', '2.0.0+build.3'],
    ['1.2.*', '1.2.5'],
    ['~1.2', '1.2.5'],
    ['^1.0.0', '1.3.0'],
    ['>=1.0.0 <2.0.0', '1.3.0'],
    ['>= 1.0.0, < 1.3.0', '1.2.5'],
    ['>=2.0.0-rc.0 <2.0.0', '2.0.0-rc.1'],
    ['2.0.0+build.3', '2.0.0+build.3'],
  ])('picks %j as %s', (wanted, picked) => {
    expect(pickChartVersion(versions, wanted)).toBe(picked);
  });

  it('finds nothing for a constraint no version meets, or for no constraint at all', () => {
    expect(pickChartVersion(versions, '3.x')).toBeUndefined();
    expect(pickChartVersion(versions, 'latest')).toBeUndefined();
    expect(pickChartVersion([], '*')).toBeUndefined();
  });

  it('reads Masterminds constraints and tells exact versions from ranges', () => {
    expect(toSemverRange('>= 1.2, < 3.0.0')).toBe('>= 1.2 < 3.0.0');
    expect(toSemverRange(' ')).toBe('*');
    expect(isExactVersion('1.2.3+build.1')).toBe(true);
    expect(isExactVersion('1.2.*')).toBe(false);
  });

  it('names the newest stable version and the newest ones for messages', () => {
    expect(newestStableVersion(versions)).toBe('2.0.0+build.3');
    expect(newestStableVersion(['1.0.0-rc.1'])).toBeUndefined();
    expect(newestVersions(versions, 3)).toEqual([
      '2.0.0+build.3',
      '2.0.0-rc.1',
      '1.3.0',
    ]);
  });
});
