import fs from 'node:fs';
import path from 'node:path';
import { dependencyOrigin, isMissingDependencyMessage, readChartDependencies } from './chartDependencies';
import { RenderError } from './RenderError';
import { tmpDir } from './__fixtures__/repos';

describe('chart dependencies', () => {
  it('recognises the missing-dependency messages of Helm 3+ (Chart.yaml) and Helm 2 (requirements.yaml)', () => {
    expect(
      isMissingDependencyMessage(
        'Error: an error occurred while checking for chart dependencies. You may need to run `helm dependency build` ' +
          'to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: lib',
      ),
    ).toBe(true);
    expect(isMissingDependencyMessage('Error: found in requirements.yaml, but missing in charts/ directory: lib')).toBe(true);
    expect(isMissingDependencyMessage('Error: execution error at (demo/templates/fail.yaml:1:4): boom')).toBe(false);
  });

  it.each([
    ['', { kind: 'vendored' }],
    ['file://../lib', { kind: 'file', path: '../lib' }],
    ['https://charts.example.com/stable', { kind: 'http', url: 'https://charts.example.com/stable' }],
    ['HTTP://charts.example.com', { kind: 'http', url: 'HTTP://charts.example.com' }],
    ['oci://registry.example.com/charts', { kind: 'oci', url: 'oci://registry.example.com/charts' }],
    ['@stable', { kind: 'named', name: 'stable' }],
    ['alias:stable', { kind: 'named', name: 'stable' }],
    ['s3://bucket/charts', { kind: 'unsupported' }],
  ])('reads the repository %p as %p', (repository, origin) => {
    expect(dependencyOrigin(repository)).toEqual(origin);
  });

  async function chartWith(files: Record<string, string>): Promise<string> {
    const dir = await tmpDir('slipway-chartdeps-');
    for (const [p, content] of Object.entries(files)) {
      await fs.promises.writeFile(path.join(dir, p), content);
    }
    return dir;
  }

  it('reads Chart.yaml dependencies for apiVersion v2 and requirements.yaml for v1', async () => {
    const v2 = await chartWith({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n- {name: lib, version: 1.0.0, repository: "file://../lib"}\n',
      'requirements.yaml': 'dependencies:\n- {name: ignored}\n',
    });
    expect(await readChartDependencies('a', v2, 'charts/app', 100)).toEqual({
      chartName: 'app',
      declaredIn: 'Chart.yaml',
      dependencies: [{ name: 'lib', version: '1.0.0', repository: 'file://../lib', origin: { kind: 'file', path: '../lib' } }],
    });
    const v1 = await chartWith({
      'Chart.yaml': 'apiVersion: v1\nname: old\nversion: 1.0.0\n',
      'requirements.yaml': 'dependencies:\n- {name: redis, version: 1.2, repository: "@stable"}\n',
    });
    const read = await readChartDependencies('a', v1, 'charts/old', 100);
    expect(read.declaredIn).toBe('requirements.yaml');
    expect(read.dependencies[0]).toMatchObject({ name: 'redis', version: '1.2', origin: { kind: 'named', name: 'stable' } });
  });

  it('names the chart and the file when the declaration is broken', async () => {
    const noName = await chartWith({ 'Chart.yaml': 'apiVersion: v2\nname: app\ndependencies:\n- {version: 1.0.0}\n' });
    const error = await readChartDependencies('shop', noName, 'charts/app', 100).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.message).toContain('Application "shop": dependency 1 in charts/app/Chart.yaml has no name');
    const invalid = await chartWith({ 'Chart.yaml': 'name: [unclosed\n' });
    expect((await readChartDependencies('shop', invalid, 'charts/app', 100).catch(e => e)).message).toContain(
      'charts/app/Chart.yaml is not valid YAML',
    );
  });
});
