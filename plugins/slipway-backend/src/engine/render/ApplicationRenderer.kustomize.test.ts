import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderError } from './RenderError';
import { CountingRunner, DEMO_CHART, deployment, testTools, tmpDir, under } from './__fixtures__/repos';

jest.setTimeout(120_000);

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';

describe('ApplicationRenderer with kustomizations', () => {
  let server: GitTestServer;
  let url: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('kustomize', {
      'base/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - deploy.yaml\n`,
      'base/deploy.yaml': deployment('web'),
      'overlays/prod/kustomization.yaml': [
        KUSTOMIZATION.trimEnd(),
        'resources:',
        '  - ../../base',
        'namePrefix: prod-',
        'images:',
        '  - name: nginx',
        '    newTag: "1.27"',
        '',
      ].join('\n'),
      'inflator/kustomization.yaml': [
        KUSTOMIZATION.trimEnd(),
        'helmCharts:',
        '  - name: demo',
        '    releaseName: inflated',
        '    namespace: team',
        '    valuesInline:',
        '      message: from-kustomize',
        '',
      ].join('\n'),
      ...under('inflator/charts/demo', DEMO_CHART),
      'with-components/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - ../base\n`,
      'components/tracing/kustomization.yaml': [
        'apiVersion: kustomize.config.k8s.io/v1alpha1',
        'kind: Component',
        'commonAnnotations:',
        '  tracing: enabled',
        '',
      ].join('\n'),
      'remote/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - https://github.com/acme/base//deploy?ref=v1\n`,
      'escape/kustomization.yaml': `${KUSTOMIZATION}resources:\n  - ../../outside\n`,
    }));
  });
  afterAll(() => server.stop());

  async function renderer(options: { allowRemoteBases?: boolean } = {}) {
    const runner = new CountingRunner();
    return {
      runner,
      renderer: new ApplicationRenderer({
        source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
        tools: testTools,
        runner,
        ...options,
      }),
    };
  }

  it('renders an overlay over its base with kubectl kustomize', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({ appName: 'web-prod', source: { repoURL: url, path: 'overlays/prod' } });
    expect(result.sources[0].type).toBe('Kustomize');
    expect(result.manifests).toHaveLength(1);
    const deploy = result.manifests[0] as any;
    expect(deploy.metadata.name).toBe('prod-web');
    expect(deploy.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('applies the Application’s kustomize options on top', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'web-prod',
      source: {
        repoURL: url,
        path: 'overlays/prod',
        kustomize: { nameSuffix: '-v2', images: ['nginx=registry.example.com/nginx:2.0'], commonLabels: { team: 'a' } },
      },
    });
    const deploy = result.manifests[0] as any;
    expect(deploy.metadata.name).toBe('prod-web-v2');
    expect(deploy.metadata.labels).toMatchObject({ team: 'a' });
    expect(deploy.spec.template.spec.containers[0].image).toBe('registry.example.com/nginx:2.0');
  });

  it('adds components relative to the source folder, skipping missing ones when asked (kustomize.components)', async () => {
    const { renderer: r } = await renderer();
    const render = (kustomize: Record<string, unknown>) =>
      r.render({ appName: 'web', source: { repoURL: url, path: 'with-components', kustomize } });
    const result = await render({ components: ['../components/tracing', '../components/absent'], ignoreMissingComponents: true });
    expect(result.manifests[0].metadata.annotations).toMatchObject({ tracing: 'enabled' });

    const missing = await render({ components: ['../components/absent'] }).catch(e => e);
    expect(missing).toBeInstanceOf(RenderError);
    expect(missing.message).toContain('components/absent');
    const outside = await render({ components: ['../../../elsewhere'], ignoreMissingComponents: true }).catch(e => e);
    expect(outside.reason).toBe('path-outside-repository');
    expect(outside.message).toContain('kustomize component "../../../elsewhere"');
  });

  it('keeps selectors as they are with labelWithoutSelector, and labels pod templates only with labelIncludeTemplates', async () => {
    const { renderer: r } = await renderer();
    const render = async (kustomize: Record<string, unknown>) =>
      (await r.render({ appName: 'web', source: { repoURL: url, path: 'base', kustomize } })).manifests[0] as any;
    const withSelector = await render({ commonLabels: { team: 'a' } });
    expect(withSelector.spec.selector.matchLabels).toMatchObject({ team: 'a' });
    const without = await render({ commonLabels: { team: 'a' }, labelWithoutSelector: true });
    expect(without.metadata.labels).toMatchObject({ team: 'a' });
    expect(without.spec.selector.matchLabels.team).toBeUndefined();
    expect(without.spec.template.metadata.labels.team).toBeUndefined();
    const templates = await render({ commonLabels: { team: 'a' }, labelWithoutSelector: true, labelIncludeTemplates: true });
    expect(templates.spec.selector.matchLabels.team).toBeUndefined();
    expect(templates.spec.template.metadata.labels.team).toBe('a');
  });

  it('substitutes the build environment in commonAnnotations with commonAnnotationsEnvsubst', async () => {
    const { renderer: r } = await renderer();
    const render = async (commonAnnotationsEnvsubst: boolean) =>
      (
        await r.render({
          appName: 'web-prod',
          destinationNamespace: 'shop',
          source: {
            repoURL: url,
            path: 'base',
            targetRevision: 'main',
            kustomize: { commonAnnotations: { app: '$ARGOCD_APP_NAME in ${ARGOCD_APP_NAMESPACE}', cost: '$$5' }, commonAnnotationsEnvsubst },
          },
        })
      ).manifests[0].metadata.annotations;
    expect(await render(true)).toMatchObject({ app: 'web-prod in shop', cost: '$5' });
    expect(await render(false)).toMatchObject({ app: '$ARGOCD_APP_NAME in ${ARGOCD_APP_NAMESPACE}' });
  });

  it('inflates a local Helm chart of helmCharts, without network', async () => {
    const { renderer: r, runner } = await renderer();
    const result = await r.render({ appName: 'inflated', source: { repoURL: url, path: 'inflator' } });
    expect(runner.calls.some(c => c.args[0] === 'kustomize' || c.args[0] === 'build')).toBe(true);
    expect(result.manifests).toHaveLength(1);
    expect(result.manifests[0].metadata).toMatchObject({ name: 'inflated-cfg', namespace: 'team' });
    expect(result.manifests[0].data).toMatchObject({ message: 'from-kustomize' });
  });

  it('refuses remote bases unless they are allowed', async () => {
    const { renderer: r, runner } = await renderer();
    const error = await r.render({ appName: 'remote-app', source: { repoURL: url, path: 'remote' } }).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('remote-base-refused');
    expect(error.message).toContain('Application "remote-app"');
    expect(error.message).toContain('https://github.com/acme/base//deploy?ref=v1');
    expect(runner.calls).toHaveLength(0);
  });

  it('refuses a base outside the repository', async () => {
    const { renderer: r, runner } = await renderer();
    const error = await r.render({ appName: 'escape-app', source: { repoURL: url, path: 'escape' } }).catch(e => e);
    expect(error.reason).toBe('path-outside-repository');
    expect(error.message).toContain('../../outside');
    expect(runner.calls).toHaveLength(0);
  });

  it('refuses a source.path outside the repository', async () => {
    const { renderer: r } = await renderer();
    const error = await r.render({ appName: 'up', source: { repoURL: url, path: '../..' } }).catch(e => e);
    expect(error.reason).toBe('path-outside-repository');
    expect(error.message).toContain('source.path');
  });
});

describe('ApplicationRenderer with a repository holding an out-of-repo symlink', () => {
  it('refuses to render it and names the symlink', async () => {
    const base = await tmpDir('slipway-symlink-');
    const repo = path.join(base, 'repo');
    await fs.promises.mkdir(path.join(repo, 'app'), { recursive: true });
    await fs.promises.writeFile(path.join(base, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n');
    await fs.promises.writeFile(path.join(repo, 'app', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    await fs.promises.symlink('../../secret.yaml', path.join(repo, 'app', 'secret.yaml'));
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repo, env: { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');

    const r = new ApplicationRenderer({
      source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
      tools: testTools,
    });
    const error = await r.render({ appName: 'linky', source: { repoURL: `file://${repo}`, path: 'app' } }).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('symlink-outside-repository');
    expect(error.message).toContain('Application "linky"');
    expect(error.message).toContain('app/secret.yaml');
    expect(error.message).not.toContain('kind: Secret');
  });
});
