import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderError } from './RenderError';
import {
  DEMO_CHART,
  deployment,
  testTools,
  tmpDir,
  under,
} from './__fixtures__/repos';

jest.setTimeout(120_000);

const KUSTOMIZATION =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';

/** What Argo CD Image Updater's Git write-back commits for a Kustomize application. */
const imageWriteBack = (image: string) =>
  `kustomize:\n  images:\n  - ${image}\n`;

describe('ApplicationRenderer with .argocd-source override files', () => {
  let server: GitTestServer;
  let url: string;
  let renderer: ApplicationRenderer;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('overrides', {
      'base/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - deploy.yaml\n`,
      'base/deploy.yaml': deployment('web'),
      'overlays/prod/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - ../../base\n`,
      'overlays/prod/.argocd-source.yaml': 'kustomize:\n  namePrefix: prod-\n',
      'overlays/prod/.argocd-source-web-prod.yaml':
        imageWriteBack('nginx:1.29'),
      'overlays/prod/.argocd-source-team_web-prod.yaml':
        imageWriteBack('nginx:1.30'),
      ...under('chart', DEMO_CHART),
      'chart/.argocd-source-demo.yaml': [
        'helm:',
        '  parameters:',
        '  - name: message',
        '    value: "0123"',
        '    forcestring: true',
        '',
      ].join('\n'),
      'nested/top.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: top\n',
      'nested/sub/deep.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n',
      'nested/.argocd-source.yaml': 'directory:\n  recurse: true\n',
      'plain/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n',
      'plain/.argocd-source.yaml': 'directory:\n  recurse: maybe\n',
    }));
    renderer = new ApplicationRenderer({
      source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
      tools: testTools,
    });
  });
  afterAll(() => server.stop());

  const imageOf = (manifest: any) =>
    manifest.spec.template.spec.containers[0].image;

  it('merges the shared file, then the application’s own, before rendering', async () => {
    const result = await renderer.render({
      appName: 'web-prod',
      source: { repoURL: url, path: 'overlays/prod', targetRevision: 'main' },
    });
    expect(result.sources[0].type).toBe('Kustomize');
    expect(result.manifests.map(m => m.metadata.name)).toEqual(['prod-web']);
    expect(imageOf(result.manifests[0])).toBe('nginx:1.29');
    expect(result.warnings).toEqual([]);
  });

  it('uses only the shared file for another application of the same folder', async () => {
    const result = await renderer.render({
      appName: 'web-canary',
      source: { repoURL: url, path: 'overlays/prod' },
    });
    expect(result.manifests.map(m => m.metadata.name)).toEqual(['prod-web']);
    expect(imageOf(result.manifests[0])).toBe('nginx:1.25');
  });

  it('names the application’s file by its instance name outside Argo CD’s namespace', async () => {
    const result = await renderer.render({
      appName: 'web-prod',
      instanceName: 'team_web-prod',
      source: { repoURL: url, path: 'overlays/prod' },
    });
    expect(imageOf(result.manifests[0])).toBe('nginx:1.30');
  });

  it('passes Image Updater’s Helm parameters to helm, keeping forced strings strings', async () => {
    const result = await renderer.render({
      appName: 'demo',
      destinationNamespace: 'apps',
      source: { repoURL: url, path: 'chart' },
    });
    expect(result.sources[0].type).toBe('Helm');
    expect(result.manifests[0].data).toMatchObject({ message: '0123' });
  });

  it('reads a plain folder with the options of its override file, not as a manifest', async () => {
    const result = await renderer.render({
      appName: 'nested',
      source: { repoURL: url, path: 'nested' },
    });
    expect(result.sources[0].type).toBe('Directory');
    expect(result.manifests.map(m => m.metadata.name)).toEqual(['deep', 'top']);
  });

  it('refuses an override it cannot apply, naming the file, the field and where it is', async () => {
    const error = await renderer
      .render({ appName: 'plain', source: { repoURL: url, path: 'plain' } })
      .catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('invalid-source');
    expect(error.message).toContain(
      '.argocd-source.yaml: directory.recurse must be true or false',
    );
    expect(error.message).toContain(`plain of ${url} at `);
  });
});
