import { expandApplicationSet } from '../expand';
import { InMemoryGitReader } from '../InMemoryGitReader';

const REPO = 'https://github.com/argoproj/argo-cd.git';

function gitSet(
  git: Record<string, unknown>,
  template: Record<string, unknown>,
  opts: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'cluster-addons' },
    spec: {
      generators: [{ git: { repoURL: REPO, revision: 'HEAD', ...git } }],
      template: {
        metadata: { name: 'x' },
        spec: { project: 'my-project' },
        ...template,
      },
      ...opts,
    },
  };
}

// Generators-Git.md: repository layout of the directory generator example.
const addons = new InMemoryGitReader({
  'applicationset/examples/git-generator-directory/cluster-addons/argo-workflows/kustomization.yaml':
    '',
  'applicationset/examples/git-generator-directory/cluster-addons/argo-workflows/namespace-install.yaml':
    '',
  'applicationset/examples/git-generator-directory/cluster-addons/prometheus-operator/Chart.yaml':
    '',
  'applicationset/examples/git-generator-directory/cluster-addons/prometheus-operator/values.yaml':
    '',
  'applicationset/examples/git-generator-directory/cluster-addons/exclude-helm_guestbook/Chart.yaml':
    '',
  'applicationset/examples/git-generator-directory/cluster-addons/.hidden/x.yaml':
    '',
});
const ADDONS = 'applicationset/examples/git-generator-directory/cluster-addons';

describe('git directory generator', () => {
  it('generates path, path.basename, path.basenameNormalized and path[N] (default syntax)', async () => {
    const set = gitSet(
      { directories: [{ path: `${ADDONS}/*` }] },
      {
        metadata: { name: '{{path.basenameNormalized}}' },
        spec: {
          source: { path: '{{path}}' },
          destination: {
            namespace: '{{path.basename}}',
            name: '{{path[0]}}-{{path[3]}}',
          },
        },
      },
    );
    const result = await expandApplicationSet(set, { git: addons });
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => [a.metadata.name, a.spec])).toEqual([
      [
        'argo-workflows',
        {
          source: { path: `${ADDONS}/argo-workflows` },
          destination: {
            namespace: 'argo-workflows',
            name: 'applicationset-cluster-addons',
          },
        },
      ],
      [
        'exclude-helm-guestbook',
        {
          source: { path: `${ADDONS}/exclude-helm_guestbook` },
          destination: {
            namespace: 'exclude-helm_guestbook',
            name: 'applicationset-cluster-addons',
          },
        },
      ],
      [
        'prometheus-operator',
        {
          source: { path: `${ADDONS}/prometheus-operator` },
          destination: {
            namespace: 'prometheus-operator',
            name: 'applicationset-cluster-addons',
          },
        },
      ],
    ]);
    expect(addons.calls).toContain(`listDirectories ${REPO}@HEAD ${ADDONS}/*`);
  });

  it('generates a path map with path, basename, basenameNormalized and segments (goTemplate)', async () => {
    const set = gitSet(
      { directories: [{ path: `${ADDONS}/*` }] },
      {
        metadata: { name: '{{index .path.segments 3}}-{{.path.basename}}' },
        spec: { source: { path: '{{.path.path}}' } },
      },
      { goTemplate: true, goTemplateOptions: ['missingkey=error'] },
    );
    const result = await expandApplicationSet(set, { git: addons });
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'cluster-addons-argo-workflows',
      'cluster-addons-prometheus-operator',
    ]);
    // exclude-helm_guestbook renders an invalid name: reported with the fix, not emitted.
    expect(result.errors.map(e => e.message)).toEqual([
      expect.stringMatching(
        /\(parameter set 1\): template\.metadata\.name: generated name "cluster-addons-exclude-helm_guestbook" is not a valid Kubernetes name.*basenameNormalized/,
      ),
    ]);
  });

  it('excludes directories matching an exclude entry, whatever the order (exclude rules win)', async () => {
    const set = gitSet(
      {
        directories: [
          { path: `${ADDONS}/exclude-helm_guestbook`, exclude: true },
          { path: `${ADDONS}/*` },
        ],
      },
      { metadata: { name: '{{path.basename}}' } },
    );
    const result = await expandApplicationSet(set, { git: addons });
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'argo-workflows',
      'prometheus-operator',
    ]);
  });

  it('uses path.Match: `*` stays in one segment and [f|g] is a character class (Generators-Git.md d/e,f,g example)', async () => {
    const reader = new InMemoryGitReader({
      'd/e/k.yaml': '',
      'd/f/k.yaml': '',
      'd/g/k.yaml': '',
      'd/e/deep/k.yaml': '',
    });
    const names = async (directories: unknown[]) =>
      (
        await expandApplicationSet(
          gitSet({ directories }, { metadata: { name: '{{path.basename}}' } }),
          { git: reader },
        )
      ).applications.map(a => a.metadata.name);
    // "This will not work": the exclude d/* wins over the include d/e.
    expect(
      await names([
        { path: 'd/e', exclude: false },
        { path: 'd/*', exclude: true },
      ]),
    ).toEqual([]);
    expect(
      await names([
        { path: 'd/*' },
        { path: 'd/f', exclude: true },
        { path: 'd/g', exclude: true },
      ]),
    ).toEqual(['e']);
    expect(
      await names([{ path: 'd/*' }, { path: 'd/[f|g]', exclude: true }]),
    ).toEqual(['e']);
  });

  it('deploys from the repository root with path "*" and skips hidden directories', async () => {
    const reader = new InMemoryGitReader({
      'a/x.yaml': '',
      'donotdeploy/x.yaml': '',
      '.github/workflow.yaml': '',
    });
    const set = gitSet(
      { directories: [{ path: '*' }, { path: 'donotdeploy', exclude: true }] },
      { metadata: { name: '{{path.basename}}' } },
    );
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.applications.map(a => a.metadata.name)).toEqual(['a']);
  });

  it('reports a missing Git reader and a failing read as errors naming the generator', async () => {
    const set = gitSet(
      { directories: [{ path: '*' }] },
      { metadata: { name: '{{path.basename}}' } },
    );
    const none = await expandApplicationSet(set);
    expect(none.errors[0].message).toMatch(
      /spec\.generators\[0\]\.git: git generator needs Git access/,
    );
    const failing = {
      listDirectories: async () => {
        throw new Error('authentication required');
      },
      readFiles: async () => [],
    };
    const failed = await expandApplicationSet(set, { git: failing });
    expect(failed.errors[0].message).toMatch(
      /reading directories "\*" of https:\/\/github\.com\/argoproj\/argo-cd\.git@HEAD failed: authentication required/,
    );
    expect(failed.applications).toEqual([]);
  });
});

// Generators-Git.md: the files generator example and its documented parameters.
const configJson = JSON.stringify({
  aws_account: '123456',
  asset_id: '11223344',
  cluster: {
    owner: 'cluster-admin@company.com',
    name: 'engineering-dev',
    address: 'https://1.2.3.4',
  },
});
const discovery = 'applicationset/examples/git-generator-files-discovery';
const files = new InMemoryGitReader({
  [`${discovery}/cluster-config/engineering/dev/config.json`]: configJson,
  [`${discovery}/cluster-config/engineering/prod/config.json`]: configJson
    .replace(/engineering-dev/, 'engineering-prod')
    .replace('1.2.3.4', '2.4.6.8'),
  [`${discovery}/apps/guestbook/kustomization.yaml`]: 'resources: []',
});

describe('git files generator', () => {
  it('flattens file content to a.b.c parameters and adds the path parameters (default syntax)', async () => {
    const keys = [
      'aws_account',
      'asset_id',
      'cluster.owner',
      'cluster.name',
      'cluster.address',
      'path',
      'path.basename',
      'path.basenameNormalized',
      'path.filename',
      'path.filenameNormalized',
      'path[0]',
      'path[4]',
    ];
    const set = gitSet(
      { files: [{ path: `${discovery}/cluster-config/**/config.json` }] },
      {
        metadata: {
          name: '{{cluster.name}}-guestbook',
          annotations: Object.fromEntries(keys.map(k => [k, `{{${k}}}`])),
        },
        spec: { destination: { server: '{{cluster.address}}' } },
      },
    );
    const result = await expandApplicationSet(set, { git: files });
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'engineering-dev-guestbook',
      'engineering-prod-guestbook',
    ]);
    expect(result.applications[0].metadata.annotations).toEqual({
      aws_account: '123456',
      asset_id: '11223344',
      'cluster.owner': 'cluster-admin@company.com',
      'cluster.name': 'engineering-dev',
      'cluster.address': 'https://1.2.3.4',
      path: `${discovery}/cluster-config/engineering/dev`,
      'path.basename': 'dev',
      'path.basenameNormalized': 'dev',
      'path.filename': 'config.json',
      'path.filenameNormalized': 'config.json',
      'path[0]': 'applicationset',
      'path[4]': 'engineering',
    });
    expect(result.applications[1].spec.destination).toEqual({
      server: 'https://2.4.6.8',
    });
  });

  it('keeps the file structure and adds a path map with goTemplate', async () => {
    const set = gitSet(
      { files: [{ path: `${discovery}/cluster-config/**/config.json` }] },
      {
        metadata: {
          name: '{{.cluster.name}}-{{.path.basename}}',
          labels: {
            file: '{{.path.filename}}',
            seg: '{{index .path.segments 3}}',
          },
        },
      },
      { goTemplate: true, goTemplateOptions: ['missingkey=error'] },
    );
    const result = await expandApplicationSet(set, { git: files });
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'engineering-dev-dev',
      labels: { file: 'config.json', seg: 'cluster-config' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
  });

  it('generates one parameter set per item of a file holding a list, and prints numbers as Go does', async () => {
    const reader = new InMemoryGitReader({
      'apps/list.yaml':
        '- name: a\n  replicas: 2\n- name: b\n  replicas: 1000000\n',
    });
    const set = gitSet(
      { files: [{ path: 'apps/*.yaml' }] },
      { metadata: { name: '{{name}}', labels: { replicas: '{{replicas}}' } } },
    );
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [a.metadata.name, a.metadata.labels]),
    ).toEqual([
      ['a', { replicas: '2' }],
      ['b', { replicas: '1e+06' }],
    ]);
  });

  it('puts the path parameters under pathParamPrefix', async () => {
    const reader = new InMemoryGitReader({
      'apps/app-one.json': '{ "appName": "app-one" }',
    });
    const flat = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'apps/*.json' }], pathParamPrefix: 'app' },
        {
          metadata: {
            name: '{{appName}}',
            labels: {
              p: '{{app.path}}',
              f: '{{app.path.filename}}',
              s: '{{app.path[0]}}',
            },
          },
        },
      ),
      { git: reader },
    );
    expect(flat.applications[0].metadata.labels).toEqual({
      p: 'apps',
      f: 'app-one.json',
      s: 'apps',
    });
    const go = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'apps/*.json' }], pathParamPrefix: 'app' },
        {
          metadata: {
            name: '{{.appName}}',
            labels: { f: '{{.app.path.filename}}' },
          },
        },
        { goTemplate: true },
      ),
      { git: reader },
    );
    expect(go.applications[0].metadata.labels).toEqual({ f: 'app-one.json' });
  });

  it('matches greedily by default and per segment with doublestar (Generators-Git-File-Globbing.md)', async () => {
    const reader = new InMemoryGitReader({
      'cluster-charts/cluster1/mychart/values.yaml': 'chart: mychart',
      'cluster-charts/cluster1/mychart/charts/mysubchart/values.yaml':
        'chart: mysubchart',
      'cluster-charts/cluster1/myotherchart/values.yaml': 'chart: myotherchart',
    });
    const set = gitSet(
      { files: [{ path: 'cluster-charts/*/*/values.yaml' }] },
      { metadata: { name: '{{chart}}' } },
    );
    const legacy = await expandApplicationSet(set, { git: reader });
    expect(legacy.applications.map(a => a.metadata.name)).toEqual([
      'mychart',
      'myotherchart',
      'mysubchart',
    ]);
    const doublestar = await expandApplicationSet(set, {
      git: reader,
      gitFileGlobbing: 'doublestar',
    });
    expect(doublestar.applications.map(a => a.metadata.name)).toEqual([
      'mychart',
      'myotherchart',
    ]);
  });

  it('drops files matching an exclude entry and reports unparsable files by name', async () => {
    const reader = new InMemoryGitReader({
      'c/a.yaml': 'chart: a',
      'c/b.yaml': 'chart: b',
      'c/bad.yaml': 'chart: [',
    });
    const ok = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'c/*.yaml' }, { path: 'c/b*.yaml', exclude: true }] },
        { metadata: { name: '{{chart}}' } },
      ),
      { git: reader },
    );
    expect(ok.applications.map(a => a.metadata.name)).toEqual(['a']);
    expect(ok.errors).toEqual([]);
    const bad = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'c/*.yaml' }] },
        { metadata: { name: '{{chart}}' } },
      ),
      { git: reader },
    );
    expect(bad.errors[0].message).toMatch(
      /file "c\/bad\.yaml" is not valid JSON\/YAML/,
    );
  });
});

describe('git files generator: flattening file content (default syntax)', () => {
  it('gives no parameter for an empty map or list, so its tag stays as written', async () => {
    const reader = new InMemoryGitReader({
      'sites/lisbon/site.yaml':
        'site: lisbon\nlabels: {}\nzones: []\nports: [80, 443]\n',
    });
    const result = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'sites/*/site.yaml' }] },
        {
          metadata: {
            name: '{{site}}',
            annotations: {
              labels: '{{labels}}',
              zones: '{{zones}}',
              port: '{{ports.1}}',
            },
          },
        },
      ),
      { git: reader },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.annotations).toEqual({
      labels: '{{labels}}',
      zones: '{{zones}}',
      port: '443',
    });
  });

  it('gives one parameter set for an empty file, with only the path parameters', async () => {
    const reader = new InMemoryGitReader({ 'sites/porto/site.yaml': '' });
    const result = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'sites/*/site.yaml' }] },
        { metadata: { name: '{{path.basename}}-{{path.filenameNormalized}}' } },
      ),
      { git: reader },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'porto-site.yaml',
    ]);
  });

  it('gives no parameter set for an empty list and an empty map for a null item', async () => {
    const reader = new InMemoryGitReader({
      'sites/lagos/site.yaml': '[]\n',
      'sites/quito/site.yaml': '- null\n- city: quito\n',
    });
    const result = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'sites/*/site.yaml' }] },
        {
          metadata: {
            name: '{{.path.basename}}-{{dig "city" "none" .}}',
          },
        },
        { goTemplate: true },
      ),
      { git: reader },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'quito-none',
      'quito-quito',
    ]);
  });

  it('reads files as YAML 1.1, as Argo CD does through sigs.k8s.io/yaml', async () => {
    const reader = new InMemoryGitReader({
      'sites/lima/site.yaml':
        'city: lima\nmetrics: yes\nmode: 0644\nzone: 2024-01-01\n',
    });
    const result = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'sites/*/site.yaml' }] },
        {
          metadata: {
            name: '{{city}}',
            labels: {
              metrics: '{{metrics}}',
              mode: '{{mode}}',
              zone: '{{zone}}',
            },
          },
        },
      ),
      { git: reader },
    );
    expect(result.applications[0].metadata.labels).toEqual({
      metrics: 'true',
      mode: '420',
      zone: '2024-01-01',
    });
  });

  it('matches a legacy files path as git ls-files does: a folder takes the files below it, braces are literal', async () => {
    const reader = new InMemoryGitReader({
      'conf/one.json': '{"city": "one"}',
      'conf/sub/two.json': '{"city": "two"}',
      'other/three.json': '{"city": "three"}',
    });
    const names = async (path: string) =>
      (
        await expandApplicationSet(
          gitSet({ files: [{ path }] }, { metadata: { name: '{{city}}' } }),
          { git: reader },
        )
      ).applications.map(a => a.metadata.name);
    expect(await names('conf')).toEqual(['one', 'two']);
    expect(await names('./conf/one.json')).toEqual(['one']);
    expect(await names('conf/{one,two}.json')).toEqual([]);
    expect((await names('*/t*.json')).sort()).toEqual(['three', 'two']);
  });

  it('reads only the first YAML document of a file', async () => {
    const reader = new InMemoryGitReader({
      'sites/oslo/site.yaml': 'city: oslo\n---\ncity: bergen\n---\n[ broken\n',
    });
    const result = await expandApplicationSet(
      gitSet(
        { files: [{ path: 'sites/*/site.yaml' }] },
        { metadata: { name: '{{city}}' } },
      ),
      { git: reader },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual(['oslo']);
  });
});
