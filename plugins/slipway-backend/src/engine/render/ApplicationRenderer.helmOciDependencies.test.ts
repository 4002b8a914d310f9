import path from 'node:path';
import {
  GitSource,
  type RepositoryCredential,
} from '@slipway/plugin-slipway-node';
import { GitTestServer, OciRegistryTestServer } from '@slipway/test-utils';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderError } from './RenderError';
import {
  failure,
  plainHttp,
  pushCharts,
} from './__fixtures__/ociCharts';
import { CountingRunner, testTools, tmpDir, under, versionedChart } from './__fixtures__/repos';

jest.setTimeout(120_000);

const USERNAME = 'deployer';
const PASSWORD = 'hunter2-oci-dependency-secret';

/** An umbrella chart whose one dependency comes from `repository`. */
function umbrella(
  name: string,
  dependency: string,
  version: string,
  repository: string,
): Record<string, string> {
  return {
    ...versionedChart(name, '0.1.0'),
    'Chart.yaml': [
      'apiVersion: v2',
      `name: ${name}`,
      'version: 0.1.0',
      'dependencies:',
      `  - name: ${dependency}`,
      `    version: "${version}"`,
      `    repository: "${repository}"`,
      '',
    ].join('\n'),
  };
}

describe('ApplicationRenderer with chart dependencies from OCI registries', () => {
  let git: GitTestServer;
  let repoURL: string;
  let registry: OciRegistryTestServer;
  let privateRegistry: OciRegistryTestServer;

  beforeAll(async () => {
    const { helm } = await testTools();
    [registry, privateRegistry, git] = await Promise.all([
      OciRegistryTestServer.start(),
      OciRegistryTestServer.start({
        auth: { username: USERNAME, password: PASSWORD },
      }),
      GitTestServer.start(),
    ]);
    await pushCharts(registry, helm, 'charts', [
      versionedChart('public-lib', '1.0.0'),
      versionedChart('public-lib', '1.1.0'),
    ]);
    await pushCharts(privateRegistry, helm, 'team/charts', [
      versionedChart('private-lib', '2.0.0'),
    ]);
    ({ url: repoURL } = await git.createRepo('deps', {
      ...under(
        'charts/uses-public',
        umbrella(
          'uses-public',
          'public-lib',
          '~1.0.0',
          registry.ociUrl('charts'),
        ),
      ),
      ...under(
        'charts/uses-private',
        umbrella(
          'uses-private',
          'private-lib',
          '2.0.0',
          privateRegistry.ociUrl('team/charts'),
        ),
      ),
      ...under('charts/uses-both', {
        ...umbrella(
          'uses-both',
          'public-lib',
          '1.0.0',
          registry.ociUrl('charts'),
        ),
        'Chart.yaml': [
          'apiVersion: v2',
          'name: uses-both',
          'version: 0.1.0',
          'dependencies:',
          `  - { name: public-lib, version: 1.0.0, repository: "${registry.ociUrl(
            'charts',
          )}" }`,
          `  - { name: private-lib, version: 2.0.0, repository: "${privateRegistry.ociUrl(
            'team/charts',
          )}" }`,
          '',
        ].join('\n'),
      }),
    }));
  });
  afterAll(async () => {
    await git?.stop();
    await registry?.stop();
    await privateRegistry?.stop();
  });

  async function setup(credentials: RepositoryCredential[]) {
    const cacheDir = await tmpDir('slipway-render-oci-deps-');
    const runner = new CountingRunner();
    const renderer = new ApplicationRenderer({
      source: new GitSource({ cacheDir: path.join(cacheDir, 'git') }),
      tools: testTools,
      runner,
      credentials,
    });
    return { renderer, runner };
  }

  const source = (chartPath: string) => ({
    repoURL,
    path: chartPath,
    targetRevision: 'main',
  });
  /** The helm subcommands run, e.g. `template`, `registry login`, `dependency build`. */
  const helmCommands = (runner: CountingRunner) =>
    runner.calls.map(c =>
      c.args[0] === 'template' ? 'template' : c.args.slice(0, 2).join(' '),
    );

  it('builds an anonymous oci:// dependency over plain HTTP with helm dependency build', async () => {
    const { renderer, runner } = await setup([plainHttp(registry)]);
    const result = await renderer.render({
      appName: 'shop',
      source: source('charts/uses-public'),
    });
    const byName = Object.fromEntries(
      result.manifests.map(m => [m.metadata.name, m.data]),
    );
    expect(byName['shop-public-lib']).toEqual({
      greeting: 'from-public-lib',
      version: '1.0.0',
    });
    expect(byName['shop-uses-public']).toEqual({
      greeting: 'from-uses-public',
      version: '0.1.0',
    });
    expect(helmCommands(runner)).toEqual([
      'template',
      'dependency build',
      'template',
    ]);
    expect(runner.calls[1].args).toContain('--plain-http');
  });

  it('logs in to a private registry with the configured credentials, in the render’s own Helm folder', async () => {
    const { renderer, runner } = await setup([
      plainHttp(privateRegistry),
      {
        url: privateRegistry.ociUrl('team'),
        username: USERNAME,
        password: PASSWORD,
      },
    ]);
    const result = await renderer.render({
      appName: 'vault',
      source: source('charts/uses-private'),
    });
    expect(
      result.manifests.find(m => m.metadata.name === 'vault-private-lib')?.data,
    ).toEqual({
      greeting: 'from-private-lib',
      version: '2.0.0',
    });
    expect(helmCommands(runner)).toEqual([
      'template',
      'registry login',
      'dependency build',
      'template',
    ]);
    const login = runner.calls[1];
    expect(login.args).toEqual([
      'registry',
      'login',
      privateRegistry.host,
      '--username',
      USERNAME,
      '--password-stdin',
      '--plain-http',
    ]);
    expect(login.stdin).toBe(PASSWORD);
    expect(runner.calls.some(c => c.args.join(' ').includes(PASSWORD))).toBe(
      false,
    );
    // never the user's ~/.config/helm: the registry login lives in the render's scratch folder
    const configHome = login.env?.HELM_CONFIG_HOME ?? '';
    expect(configHome).toMatch(
      /slipway-render-[^/]+\/source-0\/home\/helm\/config$/,
    );
    const scratch = configHome.replace(/home\/helm\/config$/, '');
    expect(login.cwd?.startsWith(scratch)).toBe(true);
    expect(runner.calls[2].env?.HELM_CONFIG_HOME).toBe(configHome);
  });

  it('fails clearly without credentials, and with wrong ones never shows them', async () => {
    const { renderer: anonymous } = await setup([plainHttp(privateRegistry)]);
    const error = await failure(
      anonymous.render({
        appName: 'vault',
        source: source('charts/uses-private'),
      }),
    );
    expect(error).toBeInstanceOf(RenderError);
    expect(error?.reason).toBe('tool-failed');
    expect(error?.message).toContain(
      'Application "vault": helm dependency build (chart "uses-private" at charts/uses-private)',
    );
    // helm's own words for the registry's 401
    expect(error?.message).toContain(
      `could not download ${privateRegistry.ociUrl('team/charts/private-lib')}`,
    );
    expect(error?.message).toContain('basic credential not found');
    expect(error?.message).toContain(
      'configure credentials for its URL in slipway.repositories',
    );

    const wrong = 'not-the-password-4711';
    const { renderer: misconfigured } = await setup([
      plainHttp(privateRegistry),
      {
        url: privateRegistry.ociUrl('team/charts'),
        username: USERNAME,
        password: wrong,
      },
    ]);
    const denied = await failure(
      misconfigured.render({
        appName: 'vault',
        source: source('charts/uses-private'),
      }),
    );
    expect(denied?.reason).toBe('tool-failed');
    expect(denied?.message).toContain(
      `helm registry login ${privateRegistry.host} (for dependency "private-lib"`,
    );
    expect(denied?.message).toContain(
      `check the credentials configured for ${privateRegistry.ociUrl(
        'team/charts',
      )}`,
    );
    expect(denied?.message).not.toContain(wrong);
    expect(denied?.message).not.toContain(PASSWORD);
  });

  it('refuses OCI dependencies from plain-HTTP and HTTPS registries in one chart before building', async () => {
    const { renderer, runner } = await setup([plainHttp(registry)]);
    const error = await failure(
      renderer.render({ appName: 'mixed', source: source('charts/uses-both') }),
    );
    expect(error?.reason).toBe('invalid-source');
    expect(error?.message).toContain(
      `the OCI dependencies of chart "uses-both" at charts/uses-both come from registries over plain HTTP (${registry.host}) ` +
        `and over HTTPS (${privateRegistry.host})`,
    );
    expect(helmCommands(runner)).toEqual(['template']);
  });
});
