import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { HttpPluginGeneratorService, readApplicationSetPlugins } from './HttpPluginGeneratorService';

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: unknown;
}

/** A plugin service over real HTTP whose answer each test sets. */
async function startPlugin(answer: (res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: JSON.parse(text),
      });
      answer(res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

const json = (status: number, body: unknown) => (res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const TOKEN = 'plugin-secret-token';
const request = { plugin: 'my-plugin', applicationSetName: 'myplugin', parameters: { key1: 'value1', n: 2 } };

describe('HttpPluginGeneratorService', () => {
  let plugin: Awaited<ReturnType<typeof startPlugin>> | undefined;
  afterEach(async () => {
    await plugin?.close();
    plugin = undefined;
  });

  const service = (extra: { requestTimeoutSeconds?: number; baseUrl?: string } = {}) =>
    new HttpPluginGeneratorService([
      { name: 'my-plugin', baseUrl: extra.baseUrl ?? `${plugin!.baseUrl}/`, token: TOKEN, requestTimeoutSeconds: extra.requestTimeoutSeconds },
    ]);

  it('POSTs getparams.execute with the bearer token and returns output.parameters', async () => {
    plugin = await startPlugin(json(200, { output: { parameters: [{ name: 'api' }, { name: 'web' }] } }));

    await expect(service().getParams(request)).resolves.toEqual([{ name: 'api' }, { name: 'web' }]);
    expect(plugin.received).toEqual([
      {
        method: 'POST',
        url: '/api/v1/getparams.execute',
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: { applicationSetName: 'myplugin', input: { parameters: { key1: 'value1', n: 2 } } },
      },
    ]);
  });

  it('gives no parameter sets when the answer has no output', async () => {
    plugin = await startPlugin(json(200, {}));
    await expect(service().getParams(request)).resolves.toEqual([]);
  });

  it("fails with the plugin's own reason on a refusal, never with the token", async () => {
    plugin = await startPlugin(json(401, { message: `token ${TOKEN} is not valid here` }));

    const error: Error = await service().getParams(request).catch(e => e);
    expect(error.message).toBe(`${plugin.baseUrl}/api/v1/getparams.execute answered HTTP 401: token *** is not valid here`);
  });

  it('fails on an answer that is not the documented shape', async () => {
    plugin = await startPlugin(json(200, { output: { parameters: { name: 'api' } } }));
    await expect(service().getParams(request)).rejects.toThrow(/answered output\.parameters that is not a list/);
  });

  it('fails on an answer that is not JSON', async () => {
    plugin = await startPlugin(res => res.end('<html>proxy error</html>'));
    await expect(service().getParams(request)).rejects.toThrow(/answered with invalid JSON/);
  });

  it('gives up after requestTimeout and says so', async () => {
    plugin = await startPlugin(() => {
      // never answers
    });
    await expect(service({ requestTimeoutSeconds: 0.2 }).getParams(request)).rejects.toThrow(
      /did not answer within 0\.2 s; check the plugin service or raise requestTimeout/,
    );
  });

  it('says when the service cannot be reached', async () => {
    await expect(service({ baseUrl: 'http://127.0.0.1:1' }).getParams(request)).rejects.toThrow(
      /could not call http:\/\/127\.0\.0\.1:1\/api\/v1\/getparams\.execute: .*; check baseUrl and that the plugin service runs/,
    );
  });

  it('names the configured plugins when asked for another', async () => {
    const none = new HttpPluginGeneratorService([{ name: 'other', baseUrl: 'http://x', token: 't' }]);
    await expect(none.getParams(request)).rejects.toThrow(
      'no plugin of this name is configured (configured: other); add it to slipway.applicationSets.plugins or fix configMapRef.name',
    );
  });
});

describe('readApplicationSetPlugins', () => {
  it('reads name, baseUrl, token and requestTimeout', () => {
    const config = new ConfigReader({
      slipway: {
        applicationSets: {
          plugins: [{ name: 'my-plugin', baseUrl: 'http://plugin.local', token: 't', requestTimeout: 5 }],
        },
      },
    });
    expect(readApplicationSetPlugins(config)).toEqual([
      { name: 'my-plugin', baseUrl: 'http://plugin.local', token: 't', requestTimeoutSeconds: 5 },
    ]);
    expect(readApplicationSetPlugins(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [[{ name: 'a', baseUrl: 'ftp://x', token: 't' }], /plugins\[0\]\.baseUrl must be an http:\/\/ or https:\/\/ URL/],
    [[{ name: 'a', baseUrl: 'http://x', token: 't' }, { name: 'a', baseUrl: 'http://y', token: 't' }], /plugins\[1\]\.name must be a non-empty name used by no other plugin/],
    [[{ name: 'a', baseUrl: 'http://x', token: 't', requestTimeout: 0 }], /plugins\[0\]\.requestTimeout must be a positive number/],
    [[{ name: 'a', baseUrl: 'http://x' }], /token/],
  ])('refuses an invalid entry, naming it (%#)', (plugins, message) => {
    expect(() => readApplicationSetPlugins(new ConfigReader({ slipway: { applicationSets: { plugins } } }))).toThrow(message);
  });
});
