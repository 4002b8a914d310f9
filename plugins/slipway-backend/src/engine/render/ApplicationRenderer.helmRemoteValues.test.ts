import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderCache } from './RenderCache';
import { RenderError } from './RenderError';
import { DEMO_CHART, testTools, tmpDir, under } from './__fixtures__/repos';

jest.setTimeout(120_000);

describe('ApplicationRenderer with value files given as URLs', () => {
  let git: GitTestServer;
  let chartsUrl: string;
  let values: http.Server;
  let valuesBase: string;
  /** What the value file server answers, by path. */
  const served = new Map<string, string>();
  /** Basic credentials the value file server saw. */
  const authorizations: string[] = [];

  beforeAll(async () => {
    git = await GitTestServer.start();
    ({ url: chartsUrl } = await git.createRepo(
      'charts',
      under('charts/demo', DEMO_CHART),
    ));
    values = http.createServer((req, res) => {
      if (req.headers.authorization)
        authorizations.push(req.headers.authorization);
      const body = served.get(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200, {
        'content-type': 'text/yaml',
      });
      res.end(body ?? 'not found');
    });
    await new Promise<void>(resolve => values.listen(0, '127.0.0.1', resolve));
    valuesBase = `http://127.0.0.1:${(values.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await git.stop();
    await new Promise(resolve => values.close(resolve));
  });

  async function renderer(
    helmValueFileSchemes?: string[],
    cache?: RenderCache,
  ) {
    return new ApplicationRenderer({
      source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
      tools: testTools,
      cache,
      helmValueFileSchemes,
    });
  }

  const request = (valueFile: string) => ({
    appName: 'payments',
    source: {
      repoURL: chartsUrl,
      path: 'charts/demo',
      helm: { valueFiles: ['values-prod.yaml', valueFile] },
    },
  });

  it('lets helm fetch a value file whose scheme is allowed, after the files before it', async () => {
    served.set('/prod/values.yaml', 'replicas: 4\n');
    const r = await renderer(['http']);
    const result = await r.render(request(`${valuesBase}/prod/values.yaml`));
    expect(result.manifests[0].data).toMatchObject({
      message: 'prod',
      replicas: '4',
    });
  });

  it('refuses a URL whose scheme is not allowed, naming the setting, without fetching it', async () => {
    const before = authorizations.length;
    for (const schemes of [undefined, ['https']]) {
      const r = await renderer(schemes);
      const error = await r
        .render(request(`http://reader:s3cret@127.0.0.1:1/values.yaml`))
        .catch(e => e);
      expect(error).toBeInstanceOf(RenderError);
      expect(error.reason).toBe('invalid-source');
      expect(error.message).toContain(
        'remote http value files are not fetched here',
      );
      expect(error.message).toContain('slipway.render.helmValueFileSchemes');
      expect(error.message).not.toContain('s3cret');
    }
    expect(authorizations.length).toBe(before);
  });

  it('reports what helm says when the file cannot be fetched, without the password of its URL', async () => {
    const r = await renderer(['http']);
    const url = `http://reader:s3cret@127.0.0.1:${
      new URL(valuesBase).port
    }/missing.yaml`;
    const error = await r.render(request(url)).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('tool-failed');
    expect(error.message).toMatch(/404/);
    expect(error.message).not.toContain('s3cret');
  });

  it('fetches the file again on a hard refresh, as it is not part of the commit', async () => {
    served.set('/live/values.yaml', 'message: first\n');
    const r = await renderer(['http'], new RenderCache());
    const file = `${valuesBase}/live/values.yaml`;
    expect((await r.render(request(file))).manifests[0].data).toMatchObject({
      message: 'first',
    });
    served.set('/live/values.yaml', 'message: second\n');
    expect((await r.render(request(file))).manifests[0].data).toMatchObject({
      message: 'first',
    });
    expect(
      (await r.render({ ...request(file), fresh: true })).manifests[0].data,
    ).toMatchObject({ message: 'second' });
  });
});
