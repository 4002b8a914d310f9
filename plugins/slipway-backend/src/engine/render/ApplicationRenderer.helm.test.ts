import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderCache } from './RenderCache';
import { RenderError } from './RenderError';
import { CountingRunner, DEMO_CHART, testTools, tmpDir, under } from './__fixtures__/repos';

jest.setTimeout(120_000);

describe('ApplicationRenderer with Helm charts from Git', () => {
  let server: GitTestServer;
  let chartsUrl: string;
  let valuesUrl: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url: chartsUrl } = await server.createRepo('charts', {
      ...under('charts/demo', DEMO_CHART),
      'secrets.yaml': 'message: outside-the-chart\n',
      'charts/strict/Chart.yaml': 'apiVersion: v2\nname: strict\nversion: 0.1.0\n',
      'charts/strict/values.yaml': 'replicas: 1\n',
      'charts/strict/values.schema.json': JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }),
      'charts/strict/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\ndata:\n  replicas: {{ .Values.replicas | quote }}\n',
      'charts/failing/Chart.yaml': 'apiVersion: v2\nname: failing\nversion: 0.1.0\n',
      'charts/failing/templates/fail.yaml': '{{ fail .Values.msg }}\n',
    }));
    ({ url: valuesUrl } = await server.createRepo('env-values', {
      'envs/prod/values.yaml': 'message: from-values-repo\nreplicas: 5\n',
    }));
  });
  afterAll(() => server.stop());

  async function renderer(cache?: RenderCache, runner = new CountingRunner()) {
    const cacheDir = await tmpDir('slipway-render-');
    return {
      runner,
      renderer: new ApplicationRenderer({
        source: new GitSource({ cacheDir }),
        tools: testTools,
        runner,
        cache,
      }),
    };
  }

  it('renders a chart folder with release name, namespace and kube version', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      destinationNamespace: 'prod',
      kubeVersion: '1.29.0',
      apiVersions: ['monitoring.coreos.com/v1'],
      source: { repoURL: chartsUrl, path: 'charts/demo', targetRevision: 'main' },
    });
    expect(result.sources).toEqual([
      expect.objectContaining({ type: 'Helm', revision: await server.headOf('charts') }),
    ]);
    expect(result.manifests).toHaveLength(1);
    const cm = result.manifests[0];
    expect(cm.metadata).toMatchObject({ name: 'payments-cfg', namespace: 'prod' });
    expect(cm.data).toMatchObject({ message: 'default', replicas: '1', kube: 'v1.29.0', hasMonitoring: 'true' });
  });

  it("lets the source's own kubeVersion and apiVersions replace the cluster's, as Argo CD does", async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      kubeVersion: '1.29.0',
      apiVersions: ['monitoring.coreos.com/v1'],
      source: {
        repoURL: chartsUrl,
        path: 'charts/demo',
        targetRevision: 'main',
        helm: { kubeVersion: '1.31.0', apiVersions: ['example.com/v1'] },
      },
    });
    expect(result.manifests[0].data).toMatchObject({ kube: 'v1.31.0', hasMonitoring: 'false' });
  });

  it('applies value files, then inline values, then parameters', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      source: {
        repoURL: chartsUrl,
        path: 'charts/demo',
        helm: {
          releaseName: 'pay',
          valueFiles: ['values-prod.yaml'],
          values: 'replicas: 3\nmessage: inline\n',
          parameters: [
            { name: 'message', value: 'from-parameter' },
            { name: 'extra', value: 'a,b' },
          ],
        },
      },
    });
    expect(result.manifests[0].metadata.name).toBe('pay-cfg');
    expect(result.manifests[0].metadata.namespace).toBe('default');
    expect(result.manifests[0].data).toMatchObject({ message: 'from-parameter', replicas: '3', extra: 'a,b' });
  });

  it('prefers valuesObject over values and keeps forceString parameters strings', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      source: {
        repoURL: chartsUrl,
        path: 'charts/demo',
        helm: {
          values: 'message: from-values-string\n',
          valuesObject: { message: 'from-values-object' },
          parameters: [{ name: 'replicas', value: '007', forceString: true }],
        },
      },
    });
    expect(result.manifests[0].data).toMatchObject({ message: 'from-values-object', replicas: '007' });
  });

  it('takes value files from another source through $ref (multi-source)', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      sources: [
        { repoURL: chartsUrl, path: 'charts/demo', helm: { valueFiles: ['$values/envs/prod/values.yaml'] } },
        { repoURL: valuesUrl, targetRevision: 'main', ref: 'values' },
      ],
    });
    expect(result.manifests[0].data).toMatchObject({ message: 'from-values-repo', replicas: '5' });
    expect(result.sources.map(s => s.type)).toEqual(['Helm', 'Ref']);
    expect(result.sources[1].revision).toBe(await server.headOf('env-values'));
  });

  it.each([
    ['../../../secrets.yaml', 'path-outside-repository'],
    ['../../../../../../etc/passwd', 'path-outside-repository'],
    ['$values/../../etc/passwd', 'path-outside-repository'],
  ])('refuses the value file %s outside the repository', async (file, reason) => {
    const { renderer: r, runner } = await renderer();
    const error = await r
      .render({
        appName: 'payments',
        sources: [
          { repoURL: chartsUrl, path: 'charts/demo', helm: { valueFiles: [file] } },
          { repoURL: valuesUrl, ref: 'values' },
        ],
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe(reason);
    expect(error.message).toContain('Application "payments"');
    expect(error.message).toContain(file);
    expect(runner.calls).toHaveLength(0);
  });

  it('accepts a value file elsewhere in the same repository', async () => {
    const { renderer: r } = await renderer();
    const result = await r.render({
      appName: 'payments',
      source: { repoURL: chartsUrl, path: 'charts/demo', helm: { valueFiles: ['../../secrets.yaml'] } },
    });
    expect(result.manifests[0].data).toMatchObject({ message: 'outside-the-chart' });
  });

  it('names a missing value file, unless ignoreMissingValueFiles is set', async () => {
    const { renderer: r } = await renderer();
    const source = { repoURL: chartsUrl, path: 'charts/demo', helm: { valueFiles: ['values-missing.yaml'] } };
    const error = await r.render({ appName: 'payments', source }).catch(e => e);
    expect(error.message).toContain('values-missing.yaml');
    const ok = await r.render({
      appName: 'payments',
      source: { ...source, helm: { ...source.helm, ignoreMissingValueFiles: true } },
    });
    expect(ok.manifests[0].data).toMatchObject({ message: 'default' });
  });

  it("checks values against the chart's schema unless skipSchemaValidation is set", async () => {
    const { renderer: r } = await renderer();
    const render = (skipSchemaValidation: boolean) =>
      r.render({
        appName: 'strict',
        source: { repoURL: chartsUrl, path: 'charts/strict', helm: { values: 'replicas: many\n', skipSchemaValidation } },
      });
    const refused = await render(false).catch(e => e);
    expect(refused).toBeInstanceOf(RenderError);
    expect(refused.message).toMatch(/replicas/);
    expect((await render(true)).manifests[0].data).toEqual({ replicas: 'many' });
  });

  it('reports the tool error with helm’s own message', async () => {
    const { renderer: r } = await renderer();
    const error = await r
      .render({
        appName: 'payments',
        source: { repoURL: chartsUrl, path: 'charts/demo', helm: { values: 'message: [unclosed\n' } },
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('tool-failed');
    expect(error.message).toContain('helm template');
    expect(error.message).not.toMatch(/slipway-render-[A-Za-z0-9]+/);
  });

  it('stops at the manifest size limit', async () => {
    const r = new ApplicationRenderer({
      source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
      tools: testTools,
      limits: { maxManifestBytes: 100 },
    });
    const error = await r.render({ appName: 'big', source: { repoURL: chartsUrl, path: 'charts/demo' } }).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.reason).toBe('limit-exceeded');
    expect(error.message).toContain('Application "big"');
  });

  it('redacts configured secrets from tool messages', async () => {
    const secret = 'hunter2-very-secret';
    const r = new ApplicationRenderer({
      source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
      tools: testTools,
      secrets: [secret],
    });
    const error = await r
      .render({
        appName: 'leaky',
        source: { repoURL: chartsUrl, path: 'charts/failing', helm: { parameters: [{ name: 'msg', value: secret }] } },
      })
      .catch(e => e);
    expect(error.reason).toBe('tool-failed');
    expect(error.message).toContain('helm template');
    expect(error.message).toContain('***');
    expect(error.message).not.toContain(secret);
  });

  it('renders an unchanged application once (render cache)', async () => {
    const cache = new RenderCache();
    const { renderer: r, runner } = await renderer(cache);
    const request = {
      appName: 'payments',
      source: { repoURL: chartsUrl, path: 'charts/demo', helm: { valueFiles: ['values-prod.yaml'] } },
    };
    const first = await r.render(request);
    const second = await r.render(request);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.manifests).toEqual(first.manifests);
    expect(runner.calls).toHaveLength(1);

    await r.render({ ...request, source: { ...request.source, helm: { valueFiles: [] } } });
    expect(runner.calls).toHaveLength(2);
    await server.commit('charts', { 'README.md': 'changed' });
    const afterCommit = await r.render(request);
    expect(afterCommit.cached).toBe(false);
    expect(runner.calls).toHaveLength(3);
  });

  it('renders again for a hard refresh, and caches that render', async () => {
    const cache = new RenderCache();
    const { renderer: r, runner } = await renderer(cache);
    const request = { appName: 'payments', source: { repoURL: chartsUrl, path: 'charts/demo' } };
    await r.render(request);
    const fresh = await r.render({ ...request, fresh: true });
    expect(fresh.cached).toBe(false);
    expect(runner.calls).toHaveLength(2);
    expect((await r.render(request)).cached).toBe(true);
    expect(runner.calls).toHaveLength(2);
  });

  it('renders a branch and the commit it points at once (the cache keys on the commit)', async () => {
    const cache = new RenderCache();
    const { renderer: r, runner } = await renderer(cache);
    const request = { appName: 'payments', source: { repoURL: chartsUrl, path: 'charts/demo', targetRevision: 'main' } };
    const atBranch = await r.render(request);
    const commit = atBranch.sources[0].revision;
    const atCommit = await r.render({ ...request, source: { ...request.source, targetRevision: commit } });
    expect(atCommit.cached).toBe(true);
    expect(atCommit.sources).toEqual(atBranch.sources);
    expect(runner.calls).toHaveLength(1);
  });
});
