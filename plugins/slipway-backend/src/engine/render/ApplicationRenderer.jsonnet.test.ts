import { GitTestServer } from '@slipway/test-utils';
import { GitSource } from '@slipway/plugin-slipway-node';
import { ApplicationRenderer } from './ApplicationRenderer';
import { RenderCache } from './RenderCache';
import { RenderError } from './RenderError';
import type { RenderTools } from './runTool';
import type { ApplicationSource, RenderLimits } from './types';
import { CountingRunner, testTools, tmpDir } from './__fixtures__/repos';

jest.setTimeout(120_000);

/** Like argocd-example-apps' jsonnet-guestbook: an array of Service and Deployment from imported params. */
const GUESTBOOK = {
  'jsonnet-guestbook/params.libsonnet': [
    '{',
    '  containerPort: 80,',
    "  image: 'quay.io/argoprojlabs/argocd-e2e-container:0.2',",
    "  name: 'jsonnet-guestbook-ui',",
    '  replicas: 1,',
    '  servicePort: 80,',
    "  type: 'LoadBalancer',",
    '}',
    '',
  ].join('\n'),
  'jsonnet-guestbook/guestbook-ui.jsonnet': [
    "local params = import 'params.libsonnet';",
    '[',
    '  {',
    "    apiVersion: 'v1', kind: 'Service',",
    '    metadata: { name: params.name },',
    '    spec: {',
    '      ports: [{ port: params.servicePort, targetPort: params.containerPort }],',
    '      selector: { app: params.name },',
    '      type: params.type,',
    '    },',
    '  },',
    '  {',
    "    apiVersion: 'apps/v1', kind: 'Deployment',",
    '    metadata: { name: params.name },',
    '    spec: {',
    '      replicas: params.replicas,',
    '      selector: { matchLabels: { app: params.name } },',
    '      template: {',
    '        metadata: { labels: { app: params.name } },',
    '        spec: { containers: [{ name: params.name, image: params.image, ports: [{ containerPort: params.containerPort }] }] },',
    '      },',
    '    },',
    '  },',
    ']',
    '',
  ].join('\n'),
};

const configMap = (name: string, data: string) =>
  `{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ${name} }, data: ${data} }\n`;

describe('ApplicationRenderer with Jsonnet', () => {
  let server: GitTestServer;
  let url: string;

  beforeAll(async () => {
    server = await GitTestServer.start();
    ({ url } = await server.createRepo('jsonnet', {
      ...GUESTBOOK,
      // like jsonnet-guestbook-tla: the file is a function of top-level arguments
      'tla/guestbook.jsonnet': [
        "function(name, replicas=1, labels={}, branch='none')",
        '[',
        "  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: name, labels: labels { branch: branch } },",
        '    spec: { replicas: replicas } },',
        ']',
        '',
      ].join('\n'),
      'extvars/app.jsonnet': configMap(
        "std.extVar('app') + '-settings'",
        "{ env: std.extVar('env'), replicas: std.toString(std.extVar('settings').replicas), ns: std.extVar('ns') }",
      ),
      'vendor/k8s/k.libsonnet':
        "{ configMap(name, data):: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name }, data: data } }\n",
      'withlibs/app.jsonnet': "local k = import 'k8s/k.libsonnet';\nk.configMap('from-lib', { ok: 'yes' })\n",
      'tree/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain-a\n',
      'tree/sub/b.jsonnet': configMap("'jsonnet-b'", "{ helper: (import 'helper.libsonnet').value }"),
      'tree/sub/helper.libsonnet': "{ value: 'from-helper' }\n",
      'tree/sub/deeper/c.jsonnet': configMap("'jsonnet-c'", '{}'),
      'tree/sub/skip.jsonnet': 'error "this file must be excluded"\n',
      'mixed/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n',
      'mixed/svc.jsonnet': "{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'from-jsonnet' } }\n",
      'mixed/list.jsonnet':
        "{ apiVersion: 'v1', kind: 'List', items: [" +
        "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'listed' } }] }\n",
      'broken/bad.jsonnet': "{\n  name: 'x',\n  value: ,\n}\n",
      'runtime/fail.jsonnet': "error 'cannot render: token s3cr3t-token-value is wrong'\n",
      'string/hello.jsonnet': "'just a string'\n",
      'map/objects.jsonnet':
        "{ a: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, b: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } } }\n",
      'array-bad/items.jsonnet': "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } }, { replicas: 3 }]\n",
      'escape/absolute.jsonnet': "local h = importstr '/etc/hostname';\n{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: h } }\n",
      'escape-relative/up.jsonnet': "importstr '../../../../../../../../../../../../etc/passwd'\n",
      'escape-nested/main.jsonnet': "import 'inner.libsonnet'\n",
      'escape-nested/inner.libsonnet': "// looks harmless\n{ x: import '/etc/passwd' }\n",
      'plain/cm.jsonnet': configMap("'plain'", "{ v: std.extVar('v') }"),
      'hungry/huge.jsonnet': configMap("'huge'", '{ n: std.toString(std.length(std.makeArray(50000000, function(i) [i]))) }'),
    }));
  });
  afterAll(() => server.stop());

  async function renderer(
    options: { tools?: () => Promise<RenderTools>; cache?: RenderCache; secrets?: string[]; limits?: Partial<RenderLimits> } = {},
  ) {
    const runner = new CountingRunner();
    return {
      runner,
      renderer: new ApplicationRenderer({
        source: new GitSource({ cacheDir: await tmpDir('slipway-render-') }),
        tools: options.tools ?? testTools,
        runner,
        cache: options.cache,
        secrets: options.secrets,
        limits: options.limits,
      }),
    };
  }

  const render = async (appName: string, source: Partial<ApplicationSource>, extra = {}) => {
    const { renderer: r } = await renderer(extra);
    return r.render({ appName, destinationNamespace: 'team-ns', source: { repoURL: url, ...source } });
  };

  const failure = async (appName: string, source: Partial<ApplicationSource>, extra = {}): Promise<RenderError> => {
    const error = await render(appName, source, extra).catch(e => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error.message).toContain(`Application "${appName}"`);
    return error;
  };

  it('renders the guestbook: an array of Service and Deployment built from an imported params.libsonnet', async () => {
    const { renderer: r, runner } = await renderer();
    const result = await r.render({ appName: 'guestbook', source: { repoURL: url, path: 'jsonnet-guestbook' } });

    expect(result.sources).toEqual([expect.objectContaining({ type: 'Directory', path: 'jsonnet-guestbook' })]);
    expect(result.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Service/jsonnet-guestbook-ui',
      'Deployment/jsonnet-guestbook-ui',
    ]);
    const [service, deployment] = result.manifests as any[];
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 80 }] });
    expect(deployment.spec.template.spec.containers[0].image).toBe('quay.io/argoprojlabs/argocd-e2e-container:0.2');
    // one jsonnet run, isolated like the other tools; params.libsonnet was only imported
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0].args.slice(-2)).toEqual(['--', expect.stringMatching(/jsonnet-guestbook\/guestbook-ui\.jsonnet$/)]);
    expect(runner.calls[0].env?.HOME).toMatch(/slipway-render-/);
    expect(runner.calls[0].env).not.toHaveProperty('JSONNET_PATH');
  });

  it('passes top-level arguments as strings and as code, with the build environment substituted', async () => {
    const result = await render('tla-app', {
      path: 'tla',
      targetRevision: 'main',
      directory: {
        jsonnet: {
          tlas: [
            { name: 'name', value: '$ARGOCD_APP_NAME-ui' },
            { name: 'replicas', value: '1 + 2', code: true },
            { name: 'labels', value: "{ team: 'payments' }", code: true },
            { name: 'branch', value: '${ARGOCD_APP_SOURCE_TARGET_REVISION}' },
          ],
        },
      },
    });
    expect(result.manifests).toHaveLength(1);
    expect(result.manifests[0].metadata).toMatchObject({ name: 'tla-app-ui', labels: { team: 'payments', branch: 'main' } });
    expect(result.manifests[0].spec).toEqual({ replicas: 3 });
  });

  it('passes external variables as strings and as code', async () => {
    const result = await render('extvar-app', {
      path: 'extvars',
      directory: {
        jsonnet: {
          extVars: [
            { name: 'app', value: '$ARGOCD_APP_NAME' },
            { name: 'env', value: 'prod' },
            { name: 'settings', value: '{ replicas: 2 * 2 }', code: true },
            { name: 'ns', value: '$ARGOCD_APP_NAMESPACE costs $$5' },
          ],
        },
      },
    });
    expect(result.manifests).toHaveLength(1);
    expect(result.manifests[0].metadata.name).toBe('extvar-app-settings');
    expect(result.manifests[0].data).toEqual({ env: 'prod', replicas: '4', ns: 'team-ns costs $5' });
  });

  it('stops a jsonnet run that asks for more memory than its cap, saying so', async () => {
    const error = await failure('hungry', { path: 'hungry' }, { limits: { jsonnetMemoryBytes: 64 * 1024 * 1024 } });
    expect(error.message).toContain('(a jsonnet run may use 64 MiB of memory)');
  });

  it('searches directory.jsonnet.libs, relative to the repository root', async () => {
    const { renderer: r, runner } = await renderer();
    const result = await r.render({
      appName: 'lib-app',
      source: { repoURL: url, path: 'withlibs', directory: { jsonnet: { libs: ['vendor'] } } },
    });
    expect(result.manifests[0].metadata.name).toBe('from-lib');
    const args = runner.calls[0].args;
    const searched = args.filter((_, i) => args[i - 1] === '-J');
    expect(searched).toEqual([expect.stringMatching(/\/withlibs$/), expect.stringMatching(/\/vendor$/)]);

    const missing = await failure('no-lib-app', { path: 'withlibs' });
    expect(missing.reason).toBe('tool-failed');
    expect(missing.message).toContain('"app.jsonnet"');
    expect(missing.message).toContain('k8s/k.libsonnet');
  });

  it('refuses a libs folder outside the repository', async () => {
    const error = await failure('lib-escape', { path: 'withlibs', directory: { jsonnet: { libs: ['../..'] } } });
    expect(error.reason).toBe('path-outside-repository');
    expect(error.message).toContain('directory.jsonnet.libs folder "../.."');
  });

  it('evaluates Jsonnet files in subfolders with recurse, honouring include and exclude', async () => {
    const names = async (directory: Record<string, unknown>) =>
      (await render('tree-app', { path: 'tree', directory: { recurse: true, ...directory } })).manifests.map(
        m => m.metadata.name,
      );
    // a pattern without "/" matches in every folder
    expect(await names({ exclude: 'skip.jsonnet' })).toEqual(['plain-a', 'jsonnet-b', 'jsonnet-c']);
    expect(await names({ include: '*.jsonnet', exclude: '{sub/skip.jsonnet,sub/deeper/*}' })).toEqual(['jsonnet-b']);
    expect(await names({ include: 'sub/deeper/*' })).toEqual(['jsonnet-c']);
    const b = (await render('tree-app', { path: 'tree', directory: { recurse: true, include: 'sub/b.jsonnet' } }))
      .manifests[0];
    expect(b.data).toEqual({ helper: 'from-helper' });
    // without recurse only the top folder is read
    expect((await render('tree-app', { path: 'tree' })).manifests.map(m => m.metadata.name)).toEqual(['plain-a']);
    // an included file that fails is evaluated, and named
    const error = await failure('tree-app', { path: 'tree', directory: { recurse: true } });
    expect(error.message).toContain('"sub/skip.jsonnet"');
    expect(error.message).toContain('this file must be excluded');
  });

  it('renders YAML and Jsonnet files of one folder together, Lists flattened', async () => {
    const result = await render('mixed-app', { path: 'mixed' });
    expect(result.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ConfigMap/from-yaml',
      'ConfigMap/listed',
      'Service/from-jsonnet',
    ]);
  });

  it('reports a syntax error with jsonnet’s message, naming the Application and the file', async () => {
    const error = await failure('broken-app', { path: 'broken' });
    expect(error.reason).toBe('tool-failed');
    expect(error.message).toContain('jsonnet (evaluating "bad.jsonnet")');
    expect(error.message).toMatch(/STATIC ERROR: <repo>\/broken\/bad\.jsonnet:3:\d+/);
    expect(error.message).toContain('fix "bad.jsonnet"');
    expect(error.message).not.toMatch(/slipway-render-/);
  });

  it('redacts secrets from jsonnet’s messages', async () => {
    const error = await failure('runtime-app', { path: 'runtime' }, { secrets: ['s3cr3t-token-value'] });
    expect(error.message).toContain('cannot render: token *** is wrong');
    expect(error.message).not.toContain('s3cr3t-token-value');
  });

  it('refuses results that are not Kubernetes objects, naming the file', async () => {
    const str = await failure('string-app', { path: 'string' });
    expect(str.reason).toBe('invalid-manifest');
    expect(str.message).toContain('"hello.jsonnet" evaluates to a string, not a Kubernetes object or an array of them');

    const map = await failure('map-app', { path: 'map' });
    expect(map.message).toContain('"objects.jsonnet" evaluates to an object that is not a Kubernetes object');
    expect(map.message).toContain('std.objectValues');

    const item = await failure('item-app', { path: 'array-bad' });
    expect(item.message).toContain('"items.jsonnet" item 2 is not a Kubernetes object');
  });

  it('refuses imports outside the repository before jsonnet runs', async () => {
    const { renderer: r, runner } = await renderer();
    const absolute = await r.render({ appName: 'abs', source: { repoURL: url, path: 'escape' } }).catch(e => e);
    expect(absolute.reason).toBe('path-outside-repository');
    expect(absolute.message).toContain('"absolute.jsonnet" line 1: importstr "/etc/hostname" is an absolute path');
    expect(absolute.message).toContain('directory.jsonnet.libs');

    const relative = await r.render({ appName: 'up', source: { repoURL: url, path: 'escape-relative' } }).catch(e => e);
    expect(relative.reason).toBe('path-outside-repository');
    expect(relative.message).toContain('resolves outside the repository');

    const nested = await r.render({ appName: 'nested', source: { repoURL: url, path: 'escape-nested' } }).catch(e => e);
    expect(nested.reason).toBe('path-outside-repository');
    expect(nested.message).toContain('"escape-nested/inner.libsonnet" line 2: import "/etc/passwd"');

    const viaCode = await r
      .render({
        appName: 'code',
        source: {
          repoURL: url,
          path: 'plain',
          directory: { jsonnet: { extVars: [{ name: 'v', value: "importstr '/etc/hostname'", code: true }] } },
        },
      })
      .catch(e => e);
    expect(viaCode.reason).toBe('path-outside-repository');
    expect(viaCode.message).toContain('directory.jsonnet.extVars "v" line 1');
    expect(runner.calls).toHaveLength(0);
  });

  it('refuses jsonnet variable names that would be read as options', async () => {
    const error = await failure('bad-name', {
      path: 'plain',
      directory: { jsonnet: { extVars: [{ name: '-J/etc', value: 'x' }] } },
    });
    expect(error.reason).toBe('invalid-source');
    expect(error.message).toContain('directory.jsonnet.extVars[0].name');
  });

  it('re-renders when a Jsonnet option changes and reuses the render otherwise', async () => {
    const cache = new RenderCache();
    const { renderer: r, runner } = await renderer({ cache });
    const withTla = (name: string) =>
      r.render({
        appName: 'cached',
        source: { repoURL: url, path: 'tla', directory: { jsonnet: { tlas: [{ name: 'name', value: name }] } } },
      });

    expect((await withTla('first')).manifests[0].metadata.name).toBe('first');
    const again = await withTla('first');
    expect(again.cached).toBe(true);
    expect(runner.calls).toHaveLength(1);
    const changed = await withTla('second');
    expect(changed.cached).toBe(false);
    expect(changed.manifests[0].metadata.name).toBe('second');
    expect(runner.calls).toHaveLength(2);
  });

  it('fails only Jsonnet sources when jsonnet is missing, saying how to install or configure it', async () => {
    const withoutJsonnet = async (): Promise<RenderTools> => {
      const { jsonnet, jsonnetVersion, ...rest } = await testTools();
      return { ...rest, jsonnetProblem: 'jsonnet is not installed (not on PATH); set slipway.tools.jsonnet' };
    };
    const yaml = await render('yaml-only', { path: 'tree' }, { tools: withoutJsonnet });
    expect(yaml.manifests.map(m => m.metadata.name)).toEqual(['plain-a']);

    const error = await failure('needs-jsonnet', { path: 'mixed' }, { tools: withoutJsonnet });
    expect(error.reason).toBe('tool-failed');
    expect(error.message).toContain('"list.jsonnet" is a Jsonnet file, but jsonnet is not installed');
    expect(error.message).toContain('slipway.tools.jsonnet');
  });
});
