import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateTools } from '@slipway/plugin-slipway-node';
import { OciRegistryTestServer } from './OciRegistryTestServer';

jest.setTimeout(60_000);

/** Packages a one-file chart with the real helm and returns the archive's path. */
async function packagedChart(
  helm: string,
  name: string,
  version: string,
): Promise<string> {
  const dir = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'slipway-oci-chart-'),
  );
  const chartDir = path.join(dir, name);
  await fs.promises.mkdir(path.join(chartDir, 'templates'), {
    recursive: true,
  });
  await fs.promises.writeFile(
    path.join(chartDir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\n`,
  );
  await fs.promises.writeFile(
    path.join(chartDir, 'templates/cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
  );
  execFileSync(helm, ['package', chartDir, '--destination', dir], {
    env: { HOME: dir, PATH: '' },
  });
  return path.join(dir, `${name}-${version}.tgz`);
}

const basic = (username: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
    'base64',
  )}`,
});

describe('OciRegistryTestServer', () => {
  let helm: string;

  beforeAll(async () => {
    ({ helm } = await locateTools({}));
  });

  it('runs the real registry on 127.0.0.1, takes helm pushes and stops cleanly', async () => {
    const registry = await OciRegistryTestServer.start();
    try {
      expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(registry.ociUrl('charts')).toBe(`oci://${registry.host}/charts`);
      const root = await fetch(`${registry.baseUrl}/v2/`);
      expect(root.status).toBe(200);
      expect(root.headers.get('docker-distribution-api-version')).toBe(
        'registry/2.0',
      );

      const output = await registry.pushChart(
        helm,
        await packagedChart(helm, 'demo', '1.2.3+build.7'),
        'charts',
      );
      expect(output).toContain(`${registry.host}/charts/demo:1.2.3_build.7`);
      const tags = await (
        await fetch(`${registry.baseUrl}/v2/charts/demo/tags/list`)
      ).json();
      // Helm keeps `+` of a version as `_` in the tag
      expect(tags).toEqual({ name: 'charts/demo', tags: ['1.2.3_build.7'] });
      expect(registry.requests()).toContainEqual({
        method: 'GET',
        path: '/v2/charts/demo/tags/list',
        status: 200,
      });
    } finally {
      await registry.stop();
    }
    expect(fs.existsSync(registry.dir)).toBe(false);
    await expect(fetch(`${registry.baseUrl}/v2/`)).rejects.toThrow();
  });

  it('demands basic auth when given credentials, and pushChart logs in first', async () => {
    const registry = await OciRegistryTestServer.start({
      auth: { username: 'robot', password: 's3cret' },
    });
    try {
      const anonymous = await fetch(`${registry.baseUrl}/v2/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe(
        'Basic realm="slipway-test"',
      );
      expect(
        (
          await fetch(`${registry.baseUrl}/v2/`, {
            headers: basic('robot', 'wrong'),
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await fetch(`${registry.baseUrl}/v2/`, {
            headers: basic('robot', 's3cret'),
          })
        ).status,
      ).toBe(200);

      await registry.pushChart(
        helm,
        await packagedChart(helm, 'private', '0.1.0'),
        'team/charts',
      );
      const tags = await fetch(
        `${registry.baseUrl}/v2/team/charts/private/tags/list`,
        {
          headers: basic('robot', 's3cret'),
        },
      );
      expect(await tags.json()).toEqual({
        name: 'team/charts/private',
        tags: ['0.1.0'],
      });
    } finally {
      await registry.stop();
    }
  });

  it('says to install docker-registry when the program is missing', async () => {
    await expect(
      OciRegistryTestServer.start({ binary: '/nonexistent/docker-registry' }),
    ).rejects.toThrow(
      /\/nonexistent\/docker-registry is missing; install the Debian package docker-registry/,
    );
  });
});

describe('OciRegistryTestServer with a token service', () => {
  it('sends clients to its token service, which grants what authenticated clients ask for', async () => {
    const { helm } = await locateTools({});
    const registry = await OciRegistryTestServer.start({
      auth: { username: 'robot', password: 's3cret' },
      authScheme: 'bearer',
    });
    try {
      const anonymous = await fetch(`${registry.baseUrl}/v2/`);
      expect(anonymous.status).toBe(401);
      const challenge = anonymous.headers.get('www-authenticate') ?? '';
      expect(challenge).toBe(
        `Bearer realm="${
          registry.tokenService!.realm
        }",service="slipway-test-registry"`,
      );

      // helm logs in and pushes through the token service
      await registry.pushChart(
        helm,
        await packagedChart(helm, 'tokened', '0.1.0'),
        'charts',
      );

      const scope = 'repository:charts/tokened:pull';
      const tokenOf = async (headers: Record<string, string>) => {
        const res = await fetch(
          `${
            registry.tokenService!.realm
          }?service=slipway-test-registry&scope=${scope}`,
          { headers },
        );
        return res.ok
          ? ((await res.json()) as { token: string }).token
          : res.status;
      };
      const granted = await tokenOf(basic('robot', 's3cret'));
      const tags = await fetch(
        `${registry.baseUrl}/v2/charts/tokened/tags/list`,
        {
          headers: { Authorization: `Bearer ${granted}` },
        },
      );
      expect(await tags.json()).toEqual({
        name: 'charts/tokened',
        tags: ['0.1.0'],
      });

      // anonymous tokens grant nothing; wrong credentials get no token
      const nothing = await tokenOf({});
      const refused = await fetch(
        `${registry.baseUrl}/v2/charts/tokened/tags/list`,
        {
          headers: { Authorization: `Bearer ${nothing}` },
        },
      );
      expect(refused.status).toBe(401);
      expect(await tokenOf(basic('robot', 'wrong'))).toBe(401);
    } finally {
      await registry.stop();
    }
  });
});
