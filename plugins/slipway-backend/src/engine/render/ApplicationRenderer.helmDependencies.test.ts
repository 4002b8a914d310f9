import fs from 'node:fs';
import path from 'node:path';
import { GitTestServer } from '@slipway/test-utils';
import { GitSource, type RepositoryCredential } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import type { ProcessRequest, ProcessRunner } from './ProcessRunner';
import { SpawnProcessRunner } from './ProcessRunner';
import { RenderCache } from './RenderCache';
import { RenderError } from './RenderError';
import { packageChart, serveHelmRepository, type HelmRepositoryServer } from './__fixtures__/helmRepositoryServer';
import { CountingRunner, testTools, tmpDir, under, versionedChart } from './__fixtures__/repos';

jest.setTimeout(120_000);


/** An umbrella chart declaring `dependencies` (apiVersion v2). */
function umbrella(name: string, dependencies: string): Record<string, string> {
  return {
    ...versionedChart(name, '0.1.0'),
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\ndependencies:\n${dependencies}`,
  };
}

const dependency = (name: string, version: string, repository: string) =>
  `  - name: ${name}\n    version: "${version}"\n    repository: "${repository}"\n`;

const PASSWORD = 'hunter2-dependency-secret';

describe('ApplicationRenderer with chart dependencies', () => {
  let git: GitTestServer;
  let repoURL: string;
  let publicRepo: HelmRepositoryServer;
  let privateRepo: HelmRepositoryServer;

  beforeAll(async () => {
    const { helm } = await testTools();
    publicRepo = await serveHelmRepository(helm, [versionedChart('remote-lib', '1.0.0'), versionedChart('remote-lib', '1.1.0')]);
    privateRepo = await serveHelmRepository(helm, [versionedChart('private-lib', '2.0.0')], {
      basicAuth: { username: 'deploy', password: PASSWORD },
    });
    git = await GitTestServer.start();
    ({ url: repoURL } = await git.createRepo('deps', {
      ...under('charts/lib', versionedChart('lib', '0.1.0')),
      ...under('charts/app', {
        ...umbrella('app', dependency('lib', '0.1.0', 'file://../lib')),
        'values.yaml': 'greeting: from-app\nlib:\n  greeting: set-by-app\n',
      }),
      ...under('charts/legacy', {
        ...versionedChart('legacy', '0.1.0'),
        'Chart.yaml': 'apiVersion: v1\nname: legacy\nversion: 0.1.0\n',
        'requirements.yaml': `dependencies:\n${dependency('lib', '0.1.0', 'file://../lib')}`,
      }),
      ...under('charts/uses-remote', umbrella('uses-remote', dependency('remote-lib', '^1.0.0', `${publicRepo.url}/`))),
      ...under('charts/uses-private', umbrella('uses-private', dependency('private-lib', '2.0.0', privateRepo.url))),
      ...under('charts/vendored', umbrella('vendored', dependency('lib', '0.1.0', 'file://../lib'))),
      'charts/vendored/charts/lib-0.1.0.tgz': new Uint8Array(await packageChart(helm, versionedChart('lib', '0.1.0'))),
      ...under('charts/missing-local', umbrella('missing-local', dependency('nope', '0.1.0', 'file://../nope'))),
      ...under('charts/named', umbrella('named', dependency('lib', '0.1.0', '@stable'))),
      ...under('charts/absolute', umbrella('absolute', dependency('lib', '0.1.0', 'file:///etc'))),
      ...under('charts/escape', umbrella('escape', dependency('lib', '0.1.0', 'file://../../../outside'))),
    }));
  });
  afterAll(async () => {
    await git.stop();
    await publicRepo.close();
    await privateRepo.close();
  });

  async function renderer(options: { credentials?: RepositoryCredential[]; cache?: RenderCache; runner?: ProcessRunner } = {}) {
    const cacheDir = await tmpDir('slipway-render-');
    const runner = options.runner ?? new CountingRunner();
    return {
      runner,
      cacheDir,
      renderer: new ApplicationRenderer({ source: new GitSource({ cacheDir }), tools: testTools, runner, ...options }),
    };
  }

  /** The helm subcommands run, e.g. `template`, `repo add`, `dependency build`. */
  const helmCommands = (runner: ProcessRunner) =>
    (runner as CountingRunner).calls.map(c => (c.args[0] === 'template' ? 'template' : c.args.slice(0, 2).join(' ')));
  const source = (chartPath: string) => ({ repoURL, path: chartPath, targetRevision: 'main' });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as RenderError);

  it('builds a file:// dependency in a copy and renders its objects, leaving the checkout untouched', async () => {
    const { renderer: r, runner, cacheDir } = await renderer();
    const result = await r.render({ appName: 'payments', source: source('charts/app') });
    const byName = Object.fromEntries(result.manifests.map(m => [m.metadata.name, m.data]));
    expect(byName).toEqual({
      'payments-app': { greeting: 'from-app', version: '0.1.0' },
      'payments-lib': { greeting: 'set-by-app', version: '0.1.0' },
    });
    expect(helmCommands(runner)).toEqual(['template', 'dependency build', 'template']);

    const checkout = await new GitSource({ cacheDir }).checkout(repoURL, await git.headOf('deps'));
    const entries = await fs.promises.readdir(path.join(checkout.dir, 'charts/app'));
    expect(entries.sort()).toEqual(['Chart.yaml', 'templates', 'values.yaml']);
  });

  it('builds dependencies declared in requirements.yaml (apiVersion v1)', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({ appName: 'old', source: source('charts/legacy') });
    expect(result.manifests.map(m => m.metadata.name).sort()).toEqual(['old-legacy', 'old-lib']);
  });

  it('adds an http Helm repository and renders the newest matching chart from it', async () => {
    const { renderer: r, runner } = await renderer();
    const before = publicRepo.requests.length;
    const result = await r.render({ appName: 'shop', source: source('charts/uses-remote') });
    expect(result.manifests.find(m => m.metadata.name === 'shop-remote-lib')?.data).toEqual({
      greeting: 'from-remote-lib',
      version: '1.1.0',
    });
    expect(publicRepo.requests.slice(before).map(q => q.path)).toEqual([
      '/charts/index.yaml',
      '/charts/remote-lib-1.1.0.tgz',
    ]);
    expect(helmCommands(runner)).toEqual(['template', 'repo add', 'dependency build', 'template']);
  });

  it('uses the credentials configured for a basic-auth repository, passing the password on stdin', async () => {
    const { renderer: r, runner } = await renderer({
      credentials: [{ url: privateRepo.url, username: 'deploy', password: PASSWORD }],
    });
    const result = await r.render({ appName: 'private-app', source: source('charts/uses-private') });
    expect(result.manifests.find(m => m.metadata.name === 'private-app-private-lib')?.data).toMatchObject({
      version: '2.0.0',
    });
    const calls = (runner as CountingRunner).calls;
    expect(calls.some(c => c.args.join(' ').includes(PASSWORD))).toBe(false);
    expect(calls.find(c => c.args[0] === 'repo')?.stdin).toBe(PASSWORD);
    expect(privateRepo.requests.filter(q => q.path.endsWith('.tgz'))).toEqual([
      { path: '/charts/private-lib-2.0.0.tgz', authorized: true },
    ]);
  });

  it('fails clearly on a basic-auth repository without credentials, or with wrong ones, never showing them', async () => {
    const { renderer: anonymous } = await renderer();
    const error = await failure(anonymous.render({ appName: 'private-app', source: source('charts/uses-private') }));
    expect(error).toBeInstanceOf(RenderError);
    expect(error?.reason).toBe('tool-failed');
    expect(error?.message).toContain('Application "private-app"');
    expect(error?.message).toContain('dependency "private-lib" of chart "uses-private" at charts/uses-private');
    expect(error?.message).toContain('401');
    expect(error?.message).toContain(`configure credentials for ${privateRepo.url} in slipway.repositories`);

    const wrong = 'not-the-password-4711';
    const { renderer: misconfigured } = await renderer({
      credentials: [{ url: privateRepo.url, username: 'deploy', password: wrong }],
    });
    const denied = await failure(misconfigured.render({ appName: 'private-app', source: source('charts/uses-private') }));
    expect(denied?.reason).toBe('tool-failed');
    expect(denied?.message).toContain('credentials configured for');
    expect(denied?.message).not.toContain(wrong);
    expect(denied?.message).not.toContain(PASSWORD);
  });

  it('renders vendored charts/*.tgz with a single helm template and no dependency build', async () => {
    const { renderer: r, runner } = await renderer();
    const result = await r.render({ appName: 'vend', source: source('charts/vendored') });
    expect(result.manifests.map(m => m.metadata.name).sort()).toEqual(['vend-lib', 'vend-vendored']);
    expect(helmCommands(runner)).toEqual(['template']);
  });

  it('names a missing file:// dependency and what to do, before building anything', async () => {
    const { renderer: r, runner } = await renderer();
    const error = await failure(r.render({ appName: 'broken', source: source('charts/missing-local') }));
    expect(error).toBeInstanceOf(RenderError);
    expect(error?.reason).toBe('invalid-source');
    expect(error?.message).toContain('Application "broken"');
    expect(error?.message).toContain(
      'dependency "nope" of chart "missing-local" at charts/missing-local: repository "file://../nope" is not a folder',
    );
    expect(error?.message).toContain('vendor the chart in charts/');
    expect(helmCommands(runner)).toEqual(['template']);
  });

  it('refuses a named repository Slipway does not know, saying what to configure', async () => {
    const { renderer: r } = await renderer();
    const error = await failure(r.render({ appName: 'named', source: source('charts/named') }));
    expect(error?.reason).toBe('invalid-source');
    expect(error?.message).toContain('dependency "lib" of chart "named" at charts/named');
    expect(error?.message).toContain('"@stable"');
    expect(error?.message).toContain('slipway.repositories');
  });

  it.each([
    ['charts/absolute', 'file:///etc'],
    ['charts/escape', 'file://../../../outside'],
  ])('refuses the file:// dependency of %s outside the repository', async (chartPath, written) => {
    const { renderer: r, runner } = await renderer();
    const error = await failure(r.render({ appName: 'escape', source: source(chartPath) }));
    expect(error?.reason).toBe('path-outside-repository');
    expect(error?.message).toContain(written);
    expect(helmCommands(runner)).toEqual(['template']);
  });

  it('caches a built render like any other', async () => {
    const { renderer: r, runner } = await renderer({ cache: new RenderCache() });
    const first = await r.render({ appName: 'payments', source: source('charts/app') });
    const second = await r.render({ appName: 'payments', source: source('charts/app') });
    expect(second.cached).toBe(true);
    expect(second.manifests).toEqual(first.manifests);
    expect(helmCommands(runner)).toHaveLength(3);
  });

  it('runs the extra helm calls within the render parallelism', async () => {
    let running = 0;
    let most = 0;
    const inner = new SpawnProcessRunner();
    const tracking: ProcessRunner = {
      async run(request: ProcessRequest) {
        most = Math.max(most, ++running);
        try {
          return await inner.run(request);
        } finally {
          running--;
        }
      },
    };
    const cacheDir = await tmpDir('slipway-render-');
    const r = new ApplicationRenderer({ source: new GitSource({ cacheDir }), tools: testTools, runner: tracking, parallelism: 1 });
    const results = await Promise.all([
      r.render({ appName: 'one', source: source('charts/app') }),
      r.render({ appName: 'two', source: source('charts/legacy') }),
    ]);
    expect(results.map(x => x.manifests.length)).toEqual([2, 2]);
    expect(most).toBe(1);
  });
});
