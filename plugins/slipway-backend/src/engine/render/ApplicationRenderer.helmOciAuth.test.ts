import { OciRegistryTestServer } from '@slipway/test-utils';
import {
  failure,
  ociRendererSetup as setup,
  plainHttp,
  pushCharts,
} from './__fixtures__/ociCharts';
import { testTools, versionedChart } from './__fixtures__/repos';

jest.setTimeout(120_000);

const USERNAME = 'deployer';
const PASSWORD = 'hunter2-oci-registry-secret';

describe('ApplicationRenderer with Helm charts from OCI registries that require credentials', () => {
  let privateRegistry: OciRegistryTestServer;
  let tokenRegistry: OciRegistryTestServer;

  beforeAll(async () => {
    const { helm } = await testTools();
    [privateRegistry, tokenRegistry] = await Promise.all([
      OciRegistryTestServer.start({
        auth: { username: USERNAME, password: PASSWORD },
      }),
      OciRegistryTestServer.start({
        auth: { username: USERNAME, password: PASSWORD },
        authScheme: 'bearer',
      }),
    ]);
    await pushCharts(privateRegistry, helm, 'team/charts', [
      versionedChart('secret-app', '1.0.0'),
    ]);
    await pushCharts(tokenRegistry, helm, 'org/charts', [
      versionedChart('tokened', '0.4.0'),
      versionedChart('tokened', '0.5.0'),
    ]);
  });
  afterAll(async () => {
    await privateRegistry?.stop();
    await tokenRegistry?.stop();
  });

  describe('with a registry that requires credentials', () => {
    const secretApp = (targetRevision: string) => ({
      repoURL: privateRegistry.ociUrl('team/charts'),
      chart: 'secret-app',
      targetRevision,
    });

    it('is refused without credentials, saying what to configure', async () => {
      const { renderer } = await setup([plainHttp(privateRegistry)]);
      for (const revision of ['1.0.0', '1.*']) {
        const error = await failure(
          renderer.render({ appName: 'vault', source: secretApp(revision) }),
        );
        expect(error?.reason).toBe('source-failed');
        expect(error?.message).toContain(
          `Application "vault": the OCI registry ${privateRegistry.host} refused`,
        );
        expect(error?.message).toContain(
          `chart "secret-app" (${privateRegistry.ociUrl(
            'team/charts/secret-app',
          )})`,
        );
        expect(error?.message).toContain('without credentials');
        expect(error?.message).toContain(
          `configure credentials for ${privateRegistry.ociUrl(
            'team/charts',
          )} in slipway.repositories`,
        );
      }
    });

    it('is refused with wrong credentials, never showing them', async () => {
      const wrong = 'not-the-password-4711';
      const { renderer } = await setup([
        plainHttp(privateRegistry),
        {
          url: privateRegistry.ociUrl('team'),
          username: USERNAME,
          password: wrong,
        },
      ]);
      const error = await failure(
        renderer.render({ appName: 'vault', source: secretApp('1.0.0') }),
      );
      expect(error?.reason).toBe('source-failed');
      expect(error?.message).toContain(
        'refused the credentials configured in slipway.repositories',
      );
      expect(error?.message).not.toContain(wrong);
      expect(error?.message).not.toContain(PASSWORD);
    });

    it('renders with the credentials of slipway.repositories, for exact versions and constraints', async () => {
      const { renderer } = await setup([
        plainHttp(privateRegistry),
        {
          url: privateRegistry.ociUrl('team/charts'),
          username: USERNAME,
          password: PASSWORD,
        },
      ]);
      for (const revision of ['1.0.0', '^1.0.0']) {
        const result = await renderer.render({
          appName: 'vault',
          source: secretApp(revision),
        });
        expect(result.sources[0]).toMatchObject({
          revision: '1.0.0',
          chart: 'secret-app',
        });
        expect(result.manifests[0].data).toEqual({
          greeting: 'from-secret-app',
          version: '1.0.0',
        });
      }
    });
  });

  describe('with a registry that hands out bearer tokens (as ghcr.io and Docker Hub do)', () => {
    const tokened = (targetRevision: string) => ({
      repoURL: tokenRegistry.ociUrl('org/charts'),
      chart: 'tokened',
      targetRevision,
    });

    it('gets a token with the configured credentials, then lists tags and pulls with it', async () => {
      const { renderer } = await setup([
        {
          url: tokenRegistry.ociUrl(),
          username: USERNAME,
          password: PASSWORD,
          insecureOCIForceHttp: true,
        },
      ]);
      const before = tokenRegistry.tokenService!.requests.length;
      const result = await renderer.render({
        appName: 'tok',
        source: tokened('0.*'),
      });
      expect(result.sources[0].revision).toBe('0.5.0');
      expect(result.manifests[0].data).toEqual({
        greeting: 'from-tokened',
        version: '0.5.0',
      });
      // one token for the repository serves the tag list, the manifest and the blob
      expect(tokenRegistry.tokenService!.requests.slice(before)).toEqual([
        {
          scope: ['repository:org/charts/tokened:pull'],
          authenticated: true,
          status: 200,
        },
      ]);
    });

    it('is refused without credentials or with wrong ones', async () => {
      const { renderer: anonymous } = await setup([plainHttp(tokenRegistry)]);
      const missing = await failure(
        anonymous.render({ appName: 'tok', source: tokened('0.4.0') }),
      );
      expect(missing?.reason).toBe('source-failed');
      expect(missing?.message).toContain(
        `the OCI registry ${tokenRegistry.host} refused to let Slipway pull chart "tokened"`,
      );
      expect(missing?.message).toContain('without credentials');

      const { renderer: wrong } = await setup([
        {
          url: tokenRegistry.ociUrl(),
          username: USERNAME,
          password: 'wrong-token-password',
          insecureOCIForceHttp: true,
        },
      ]);
      const refused = await failure(
        wrong.render({ appName: 'tok', source: tokened('0.4.0') }),
      );
      expect(refused?.reason).toBe('source-failed');
      expect(refused?.message).toContain(
        'refused the credentials configured in slipway.repositories',
      );
      expect(refused?.message).toContain('the token service answered HTTP 401');
      expect(refused?.message).not.toContain('wrong-token-password');
    });
  });
});
