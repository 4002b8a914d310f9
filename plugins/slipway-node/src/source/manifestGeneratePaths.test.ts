import {
  manifestGeneratePaths,
  manifestGeneratePathsChanged,
} from './manifestGeneratePaths';

describe('manifestGeneratePaths', () => {
  it("reads Argo CD's annotation: ';'-separated, relative to each source's path, absolute from the repository root", () => {
    expect(manifestGeneratePaths('.', ['apps/web'])).toEqual(['apps/web']);
    expect(manifestGeneratePaths('.;../base', ['apps/web'])).toEqual([
      'apps/web',
      'apps/base',
    ]);
    expect(manifestGeneratePaths('/shared/config; ;', ['apps/web'])).toEqual([
      'shared/config',
    ]);
    expect(manifestGeneratePaths('.', ['apps/web', 'apps/api'])).toEqual([
      'apps/web',
      'apps/api',
    ]);
    expect(manifestGeneratePaths('/', ['apps/web'])).toEqual(['']);
    expect(manifestGeneratePaths('.', [''])).toEqual(['']);
    expect(manifestGeneratePaths('', ['apps/web'])).toEqual([]);
    expect(manifestGeneratePaths(undefined, ['apps/web'])).toEqual([]);
  });
});

describe('manifestGeneratePathsChanged', () => {
  it('counts a change to a path, below it, or matching it as a glob within one folder', () => {
    expect(
      manifestGeneratePathsChanged(['apps/web'], ['apps/web/deployment.yaml']),
    ).toBe(true);
    expect(manifestGeneratePathsChanged(['apps/web'], ['apps/web'])).toBe(true);
    expect(
      manifestGeneratePathsChanged(
        ['apps/web'],
        ['apps/web-2/deployment.yaml'],
      ),
    ).toBe(false);
    expect(
      manifestGeneratePathsChanged(
        ['apps/web'],
        ['apps/api/deployment.yaml', 'README.md'],
      ),
    ).toBe(false);
    expect(
      manifestGeneratePathsChanged(
        ['apps/*/values.yaml'],
        ['apps/web/values.yaml'],
      ),
    ).toBe(true);
    expect(
      manifestGeneratePathsChanged(['apps/*.yaml'], ['apps/web/values.yaml']),
    ).toBe(false);
    expect(
      manifestGeneratePathsChanged(['apps/web/.env'], ['apps/web/.env']),
    ).toBe(true);
  });

  it('counts every change when the annotation gives no path, or names the whole repository', () => {
    expect(manifestGeneratePathsChanged([], ['anything'])).toBe(true);
    expect(manifestGeneratePathsChanged([''], ['README.md'])).toBe(true);
  });
});
