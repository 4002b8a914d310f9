import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { HelmRepositoryClient, HelmRepositoryError } from './HelmRepository';
import { packageChart } from './__fixtures__/helmRepositoryServer';
import { DEMO_CHART, testTools, tmpDir } from './__fixtures__/repos';

jest.setTimeout(120_000);

/** DEMO_CHART at `version`, packaged with helm. */
const packageDemoChart = (helm: string, version: string): Promise<Buffer> =>
  packageChart(helm, { ...DEMO_CHART, 'Chart.yaml': DEMO_CHART['Chart.yaml'].replace('0.1.0', version) });

describe('HelmRepositoryClient', () => {
  let server: http.Server;
  let repoURL: string;
  const files = new Map<string, Buffer>();
  const requests: string[] = [];

  beforeAll(async () => {
    const { helm } = await testTools();
    const entries = [];
    for (const version of ['1.0.0', '1.2.0', '2.0.0-rc.1']) {
      const archive = await packageDemoChart(helm, version);
      files.set(`/charts/demo-${version}.tgz`, archive);
      entries.push({
        version,
        urls: [`charts/demo-${version}.tgz`],
        digest: crypto.createHash('sha256').update(archive).digest('hex'),
      });
    }
    entries.push({ version: '0.9.0', urls: ['charts/demo-1.0.0.tgz'], digest: 'f'.repeat(64) });
    files.set('/index.yaml', Buffer.from(stringify({ apiVersion: 'v1', entries: { demo: entries } })));
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = files.get(req.url ?? '');
      res.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    repoURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('picks exact versions, semver ranges, and the newest stable version for empty or *', async () => {
    const client = new HelmRepositoryClient({ cacheDir: await tmpDir('slipway-helm-') });
    expect((await client.resolve(repoURL, 'demo', '1.0.0')).version).toBe('1.0.0');
    expect((await client.resolve(repoURL, 'demo', '^1.0.0')).version).toBe('1.2.0');
    expect((await client.resolve(repoURL, 'demo', '')).version).toBe('1.2.0');
    expect((await client.resolve(repoURL, 'demo', '*')).version).toBe('1.2.0');
    const error = await client.resolve(repoURL, 'demo', '3.x').catch(e => e);
    expect(error).toBeInstanceOf(HelmRepositoryError);
    expect(error.message).toContain('1.2.0');
    expect((await client.resolve(repoURL, 'other', '1.0.0').catch(e => e)).message).toContain('"other"');
  });

  it('names the newest stable version of a chart, skipping pre-releases, from one index read', async () => {
    const client = new HelmRepositoryClient({ cacheDir: await tmpDir('slipway-helm-') });
    const before = requests.filter(r => r === '/index.yaml').length;
    expect(await client.newestVersion(repoURL, 'demo')).toBe('1.2.0');
    expect(await client.newestVersion(repoURL, 'absent')).toBeUndefined();
    expect(requests.filter(r => r === '/index.yaml').length).toBe(before + 1);
  });

  it('refuses an archive that does not match the index digest', async () => {
    const client = new HelmRepositoryClient({ cacheDir: await tmpDir('slipway-helm-') });
    const resolved = await client.resolve(repoURL, 'demo', '0.9.0');
    await expect(client.fetchChart(resolved)).rejects.toThrow(/digest/);
  });

  it('renders a chart from a Helm repository and downloads it only once', async () => {
    const cacheDir = await tmpDir('slipway-helm-');
    const renderer = new ApplicationRenderer({
      source: new GitSource({ cacheDir }),
      helmRepositories: new HelmRepositoryClient({ cacheDir }),
      tools: testTools,
    });
    const request = {
      appName: 'from-repo',
      destinationNamespace: 'apps',
      source: { repoURL, chart: 'demo', targetRevision: '1.2.0', helm: { valueFiles: ['values-prod.yaml'] } },
    };
    const before = requests.length;
    const first = await renderer.render(request);
    expect(first.sources[0]).toMatchObject({ type: 'Helm', revision: '1.2.0', chart: 'demo' });
    expect(first.manifests[0].metadata).toMatchObject({ name: 'from-repo-cfg', namespace: 'apps' });
    expect(first.manifests[0].data).toMatchObject({ message: 'prod' });
    await renderer.render({ ...request, appName: 'again' });
    const downloads = requests.slice(before).filter(u => u.endsWith('.tgz'));
    expect(downloads).toEqual(['/charts/demo-1.2.0.tgz']);
  });
});
