import { ConfigReader } from '@backstage/config';
import { OciRegistryTestServer, freePort } from '@slipway/test-utils';
import { createRendering } from './createRendering';
import { RenderError } from './RenderError';
import {
  failure,
  ociRendererSetup,
  plainHttp,
  pushCharts,
} from './__fixtures__/ociCharts';
import { testTools, tmpDir, versionedChart } from './__fixtures__/repos';

jest.setTimeout(120_000);

const USERNAME = 'deployer';
const PASSWORD = 'hunter2-oci-registry-secret';

describe('ApplicationRenderer with Helm charts from OCI registries', () => {
  let registry: OciRegistryTestServer;
  let privateRegistry: OciRegistryTestServer;

  beforeAll(async () => {
    const { helm } = await testTools();
    [registry, privateRegistry] = await Promise.all([
      OciRegistryTestServer.start(),
      OciRegistryTestServer.start({
        auth: { username: USERNAME, password: PASSWORD },
      }),
    ]);
    await pushCharts(
      registry,
      helm,
      'charts',
      ['1.0.0', '1.2.0', '1.2.5', '1.3.0+build.7', '2.0.0-rc.1'].map(v =>
        versionedChart('demo', v),
      ),
    );
    await pushCharts(privateRegistry, helm, 'team/charts', [
      versionedChart('secret-app', '1.0.0'),
    ]);
  });
  afterAll(async () => {
    await registry?.stop();
    await privateRegistry?.stop();
  });

  const setup = (credentials = [plainHttp(registry)]) =>
    ociRendererSetup(credentials);

  const demo = (targetRevision: string) => ({
    repoURL: registry.ociUrl('charts'),
    chart: 'demo',
    targetRevision,
  });
  const since = (server: OciRegistryTestServer, before: number) =>
    server
      .requests()
      .slice(before)
      .map(
        r => `${r.method} ${r.path.replace(/sha256:[0-9a-f]+/, 'sha256:…')}`,
      );

  it('renders an exact chart version pulled from the registry, without listing its tags', async () => {
    const { renderer, runner } = await setup();
    const before = registry.requests().length;
    const result = await renderer.render({
      appName: 'shop',
      destinationNamespace: 'prod',
      source: { ...demo('1.2.0'), helm: { values: 'greeting: from-values\n' } },
    });
    expect(result.sources).toEqual([
      {
        repoURL: registry.ociUrl('charts'),
        revision: '1.2.0',
        type: 'Helm',
        chart: 'demo',
      },
    ]);
    expect(result.manifests).toHaveLength(1);
    expect(result.manifests[0].metadata).toMatchObject({
      name: 'shop-demo',
      namespace: 'prod',
    });
    expect(result.manifests[0].data).toEqual({
      greeting: 'from-values',
      version: '1.2.0',
    });
    expect(since(registry, before)).toEqual([
      'GET /v2/charts/demo/manifests/1.2.0',
      'GET /v2/charts/demo/blobs/sha256:…',
    ]);
    expect(runner.calls.map(c => c.args[0])).toEqual(['template']);
  });

  it.each([
    ['1.2.*', '1.2.5'],
    ['>=1.0.0 <2.0.0', '1.3.0+build.7'],
    ['>= 1.0.0, < 1.3.0', '1.2.5'],
    ['', '1.3.0+build.7'],
    ['*', '1.3.0+build.7'],
    ['>=2.0.0-rc.0', '2.0.0-rc.1'],
  ])(
    'resolves the constraint %j to the highest matching tag (%s)',
    async (constraint, version) => {
      const { renderer } = await setup();
      const result = await renderer.render({
        appName: 'shop',
        source: demo(constraint),
      });
      expect(result.sources[0].revision).toBe(version);
      // helm stored 1.3.0+build.7 as the tag 1.3.0_build.7: the chart inside still says +
      expect(result.manifests[0].data).toMatchObject({ version });
    },
  );

  it("renders Argo CD 3.1's OCI source (repoURL naming the chart, path '.', no chart)", async () => {
    const { renderer } = await setup();
    const result = await renderer.render({
      appName: 'shop',
      destinationNamespace: 'prod',
      source: { repoURL: `${registry.ociUrl('charts')}/demo`, path: '.', targetRevision: '1.2.0' },
    });
    expect(result.sources).toEqual([{ repoURL: registry.ociUrl('charts'), revision: '1.2.0', type: 'Helm', chart: 'demo' }]);
    expect(result.manifests[0].data).toMatchObject({ version: '1.2.0' });

    const other = await renderer
      .render({ appName: 'shop', source: { repoURL: `${registry.ociUrl('charts')}/demo`, path: 'manifests', targetRevision: '1.2.0' } })
      .catch(e => e);
    expect(other).toBeInstanceOf(RenderError);
    expect(other.message).toContain('Slipway reads Helm chart artifacts from OCI registries, whose path is always "."; set path: .');
  });

  it('pulls a chart version once and renders it again from the cache', async () => {
    const { renderer } = await setup();
    const before = registry.requests().length;
    await renderer.render({ appName: 'one', source: demo('1.2.*') });
    await renderer.render({ appName: 'two', source: demo('1.2.*') });
    await renderer.render({ appName: 'three', source: demo('1.2.5') });
    const requests = since(registry, before);
    expect(requests.filter(r => r.includes('/blobs/'))).toEqual([
      'GET /v2/charts/demo/blobs/sha256:…',
    ]);
    // the tag list is reused for a while, like a Helm repository's index.yaml
    expect(requests.filter(r => r.includes('/tags/list'))).toEqual([
      'GET /v2/charts/demo/tags/list?n=1000',
    ]);
  });

  it('says which chart, version or registry is missing and what to check', async () => {
    const { renderer } = await setup();
    const missingChart = await failure(
      renderer.render({
        appName: 'shop',
        source: { ...demo('1.x'), chart: 'nope' },
      }),
    );
    expect(missingChart).toBeInstanceOf(RenderError);
    expect(missingChart?.reason).toBe('chart-not-found');
    expect(missingChart?.message).toBe(
      `Application "shop": chart "nope" is not in the OCI registry ${registry.host} (no repository charts/nope); ` +
        'check source.chart and repoURL',
    );

    const missingVersion = await failure(
      renderer.render({ appName: 'shop', source: demo('9.9.9') }),
    );
    expect(missingVersion?.reason).toBe('chart-not-found');
    expect(missingVersion?.message).toContain(
      `chart "demo" version 9.9.9 is not in ${registry.ociUrl(
        'charts/demo',
      )} (no tag 9.9.9); check targetRevision`,
    );

    const noMatch = await failure(
      renderer.render({ appName: 'shop', source: demo('3.x') }),
    );
    expect(noMatch?.reason).toBe('chart-not-found');
    expect(noMatch?.message).toContain('has no version matching "3.x"');
    expect(noMatch?.message).toContain(
      'newest: 2.0.0-rc.1, 1.3.0+build.7, 1.2.5',
    );
  });

  it('says when the registry cannot be reached, and that a plain-HTTP registry needs insecureOCIForceHttp', async () => {
    const port = await freePort();
    const { renderer } = await setup([
      { url: `oci://127.0.0.1:${port}`, insecureOCIForceHttp: true },
    ]);
    const down = await failure(
      renderer.render({
        appName: 'shop',
        source: { ...demo('1.0.0'), repoURL: `oci://127.0.0.1:${port}/charts` },
      }),
    );
    expect(down?.reason).toBe('source-failed');
    expect(down?.message).toContain(
      `cannot reach the OCI registry 127.0.0.1:${port} to pull chart "demo"`,
    );
    expect(down?.message).toContain('over HTTP (ECONNREFUSED)');

    // without insecureOCIForceHttp Slipway speaks HTTPS, which a plain-HTTP registry does not answer
    const { renderer: https } = await setup([]);
    const tls = await failure(
      https.render({ appName: 'shop', source: demo('1.0.0') }),
    );
    expect(tls?.reason).toBe('source-failed');
    expect(tls?.message).toContain(
      `cannot reach the OCI registry ${registry.host} to pull chart "demo"`,
    );
    expect(tls?.message).toContain('over HTTPS');
    expect(tls?.message).toContain('insecureOCIForceHttp: true');
  });

  it('names the newest stable version of an OCI chart for the versions API', async () => {
    const { charts } = await setup([
      plainHttp(registry),
      plainHttp(privateRegistry),
      { url: privateRegistry.ociUrl(), username: USERNAME, password: PASSWORD },
    ]);
    expect(await charts.newestVersion(registry.ociUrl('charts'), 'demo')).toBe(
      '1.3.0+build.7',
    );
    expect(
      await charts.newestVersion(registry.ociUrl('charts'), 'absent'),
    ).toBeUndefined();
    expect(
      await charts.newestVersion(
        privateRegistry.ociUrl('team/charts'),
        'secret-app',
      ),
    ).toBe('1.0.0');
  });

  it("reads repoURL without oci:// from a repository configured with enableOCI (Argo CD's form)", async () => {
    const cacheDir = await tmpDir('slipway-render-oci-');
    const config = (enableOCI: boolean) =>
      new ConfigReader({
        slipway: {
          repositories: [
            {
              url: `${registry.host}/charts`,
              enableOCI,
              insecureOCIForceHttp: true,
            },
          ],
        },
      });
    const source = {
      repoURL: `${registry.host}/charts`,
      chart: 'demo',
      targetRevision: '~1.2.0',
    };

    const { renderer, helmRepositories } = createRendering({
      config: config(true),
      cacheDir,
    });
    const result = await renderer.render({ appName: 'argo-style', source });
    expect(result.sources[0]).toMatchObject({
      revision: '1.2.5',
      chart: 'demo',
      repoURL: `${registry.host}/charts`,
    });
    expect(
      await helmRepositories.newestVersion(`${registry.host}/charts`, 'demo'),
    ).toBe('1.3.0+build.7');

    const { renderer: unconfigured } = createRendering({
      config: config(false),
      cacheDir: await tmpDir('slipway-render-oci-'),
    });
    const error = await failure(
      unconfigured.render({ appName: 'argo-style', source }),
    );
    expect(error?.message).toContain(
      `repoURL ${registry.host}/charts has no scheme`,
    );
    expect(error?.message).toContain('enableOCI: true');
  });
});
