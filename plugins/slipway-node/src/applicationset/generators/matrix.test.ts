import { expandApplicationSet } from '../expand';
import { InMemoryGitReader } from '../InMemoryGitReader';
import type { ClusterInfo } from '../types';

const clusters: ClusterInfo[] = [
  {
    name: 'staging',
    server: 'https://1.2.3.4',
    labels: {
      environment: 'staging',
      'use-kafka': 'false',
      'kubernetes.io/environment': 'dev',
    },
  },
  {
    name: 'production',
    server: 'https://2.4.6.8',
    labels: { environment: 'production', 'kubernetes.io/environment': 'prod' },
  },
];

function appSet(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec,
  };
}

const GO = { goTemplate: true, goTemplateOptions: ['missingkey=error'] };

describe('matrix generator', () => {
  // Generators-Matrix.md "Example: Git Directory generator + Cluster generator".
  const addons = new InMemoryGitReader({
    'applicationset/examples/matrix/cluster-addons/argo-workflows/kustomization.yaml':
      '',
    'applicationset/examples/matrix/cluster-addons/prometheus-operator/Chart.yaml':
      '',
  });

  it('produces every combination of its two children', async () => {
    const set = appSet('cluster-git', {
      ...GO,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://github.com/argoproj/argo-cd.git',
                  revision: 'HEAD',
                  directories: [
                    { path: 'applicationset/examples/matrix/cluster-addons/*' },
                  ],
                },
              },
              {
                clusters: {
                  selector: {
                    matchLabels: {
                      'argocd.argoproj.io/secret-type': 'cluster',
                    },
                  },
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.path.basename}}-{{.name}}' },
        spec: {
          project: '{{index .metadata.labels "environment"}}',
          source: {
            repoURL: 'https://github.com/argoproj/argo-cd.git',
            targetRevision: 'HEAD',
            path: '{{.path.path}}',
          },
          destination: {
            server: '{{.server}}',
            namespace: '{{.path.basename}}',
          },
        },
      },
    });
    const result = await expandApplicationSet(set, { clusters, git: addons });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        a.spec.project,
        (a.spec.destination as any).server,
      ]),
    ).toEqual([
      ['argo-workflows-production', 'production', 'https://2.4.6.8'],
      ['argo-workflows-staging', 'staging', 'https://1.2.3.4'],
      ['prometheus-operator-production', 'production', 'https://2.4.6.8'],
      ['prometheus-operator-staging', 'staging', 'https://1.2.3.4'],
    ]);
  });

  it('lets the second child use the first child\'s parameters ("Using Parameters from one child generator in another")', async () => {
    const reader = new InMemoryGitReader({
      'examples/git-generator-files-discovery/cluster-config/engineering/dev/config.json':
        '{"env": "dev"}',
      'examples/git-generator-files-discovery/cluster-config/engineering/prod/config.json':
        '{"env": "prod"}',
    });
    const set = appSet('cluster-git', {
      ...GO,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://github.com/argoproj/applicationset.git',
                  revision: 'HEAD',
                  files: [
                    {
                      path: 'examples/git-generator-files-discovery/cluster-config/**/config.json',
                    },
                  ],
                },
              },
              {
                clusters: {
                  selector: {
                    matchLabels: {
                      'argocd.argoproj.io/secret-type': 'cluster',
                      'kubernetes.io/environment': '{{.path.basename}}',
                    },
                  },
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.name}}-guestbook' },
        spec: {
          project: 'default',
          destination: { server: '{{.server}}', namespace: '{{.env}}' },
        },
      },
    });
    const result = await expandApplicationSet(set, { clusters, git: reader });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [a.metadata.name, a.spec.destination]),
    ).toEqual([
      [
        'production-guestbook',
        { server: 'https://2.4.6.8', namespace: 'prod' },
      ],
      ['staging-guestbook', { server: 'https://1.2.3.4', namespace: 'dev' }],
    ]);
  });

  it('lets the first child override the second child\'s parameters ("Overriding parameters")', async () => {
    const reader = new InMemoryGitReader({
      'test/stage.values.yaml':
        'stageName: test\ncpuRequest: 100m\ndebugEnabled: true\n',
      'staging/stage.values.yaml': 'stageName: staging\n',
      'production/stage.values.yaml':
        'stageName: production\nmemoryLimit: 512Mi\ndebugEnabled: false\n',
      'global.values.yaml':
        'cpuRequest: 200m\nmemoryLimit: 256Mi\ndebugEnabled: true\n',
    });
    const set = appSet('parameter-override-example', {
      goTemplate: true,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://github.com/example/values.git',
                  revision: 'HEAD',
                  files: [{ path: '**/stage.values.yaml' }],
                },
              },
              {
                git: {
                  repoURL: 'https://github.com/example/values.git',
                  revision: 'HEAD',
                  files: [{ path: 'global.values.yaml' }],
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.stageName}}' },
        spec: {
          project: 'default',
          source: {
            helm: {
              parameters: [
                { name: 'cpu', value: '{{.cpuRequest}}' },
                { name: 'mem', value: '{{.memoryLimit}}' },
                { name: 'debug', value: '{{.debugEnabled}}' },
              ],
            },
          },
        },
      },
    });
    const result = await expandApplicationSet(set, {
      git: reader,
      gitFileGlobbing: 'doublestar',
    });
    expect(result.errors).toEqual([]);
    const values = (name: string) =>
      (
        result.applications.find(a => a.metadata.name === name)!.spec
          .source as any
      ).helm.parameters.map((p: any) => p.value);
    // Documented result: test {100m, 256Mi, true}, staging {200m, 256Mi, true}, production {200m, 512Mi, false}.
    expect(values('test')).toEqual(['100m', '256Mi', 'true']);
    expect(values('staging')).toEqual(['200m', '256Mi', 'true']);
    expect(values('production')).toEqual(['200m', '512Mi', 'false']);
  });

  it('combines two git generators with pathParamPrefix ("Two Git Generators Using pathParamPrefix")', async () => {
    const reader = new InMemoryGitReader({
      'apps/app-one.json': '{ "appName": "app-one" }',
      'apps/app-two.json': '{ "appName": "app-two" }',
      'targets/app-one/east-cluster-one.json':
        '{ "region": "east", "clusterName": "cluster-one" }',
      'targets/app-one/east-cluster-two.json':
        '{ "region": "east", "clusterName": "cluster-two" }',
      'targets/app-two/east-cluster-one.json':
        '{ "region": "east", "clusterName": "cluster-one" }',
      'targets/app-two/west-cluster-three.json':
        '{ "region": "west", "clusterName": "cluster-three" }',
    });
    const set = appSet('two-gits-with-path-param-prefix', {
      ...GO,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://github.com/some-org/some-repo.git',
                  revision: 'HEAD',
                  files: [{ path: 'apps/*.json' }],
                  pathParamPrefix: 'app',
                },
              },
              {
                git: {
                  repoURL: 'https://github.com/some-org/some-repo.git',
                  revision: 'HEAD',
                  files: [{ path: 'targets/{{.appName}}/*.json' }],
                  pathParamPrefix: 'target',
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: {
          name: '{{.appName}}-{{.clusterName}}',
          labels: {
            app: '{{.app.path.path}}/{{.app.path.filename}}',
            target: '{{.target.path.path}}/{{.target.path.filename}}',
            region: '{{.region}}',
          },
        },
        spec: { project: 'default' },
      },
    });
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [a.metadata.name, a.metadata.labels]),
    ).toEqual([
      [
        'app-one-cluster-one',
        {
          app: 'apps/app-one.json',
          target: 'targets/app-one/east-cluster-one.json',
          region: 'east',
        },
      ],
      [
        'app-one-cluster-two',
        {
          app: 'apps/app-one.json',
          target: 'targets/app-one/east-cluster-two.json',
          region: 'east',
        },
      ],
      [
        'app-two-cluster-one',
        {
          app: 'apps/app-two.json',
          target: 'targets/app-two/east-cluster-one.json',
          region: 'east',
        },
      ],
      [
        'app-two-cluster-three',
        {
          app: 'apps/app-two.json',
          target: 'targets/app-two/west-cluster-three.json',
          region: 'west',
        },
      ],
    ]);
  });

  it('reports conflicting parameters of two children in the default syntax, suggesting pathParamPrefix', async () => {
    const reader = new InMemoryGitReader({
      'a/x/k.yaml': '',
      'b/y/k.yaml': '',
    });
    const set = appSet('clash', {
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'r',
                  revision: 'HEAD',
                  directories: [{ path: 'a/*' }],
                },
              },
              {
                git: {
                  repoURL: 'r',
                  revision: 'HEAD',
                  directories: [{ path: 'b/*' }],
                },
              },
            ],
          },
        },
      ],
      template: { metadata: { name: '{{path.basename}}' }, spec: {} },
    });
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.applications).toEqual([]);
    expect(result.errors[0].message).toMatch(
      /spec\.generators\[0\]\.matrix: both child generators set parameter "path" with different values \("a\/x" and "b\/y"\); give one git generator a pathParamPrefix/,
    );
  });

  it('feeds a git file into a list generator\'s elementsYaml (Generators-List.md "Dynamically generated elements")', async () => {
    const reader = new InMemoryGitReader({
      'applicationset/examples/list-generator/list-elementsYaml-example.yaml': [
        'key:',
        '  components:',
        '    - name: component1',
        '      chart: podinfo',
        '      version: "6.3.2"',
        '      releaseName: component1',
        '      repoUrl: "https://stefanprodan.github.io/podinfo"',
        '      namespace: component1',
        '    - name: component2',
        '      chart: podinfo',
        '      version: "6.3.3"',
        '      releaseName: component2',
        '      repoUrl: "ghcr.io/stefanprodan/charts"',
        '      namespace: component2',
      ].join('\n'),
    });
    const set = appSet('elementsYaml', {
      ...GO,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://github.com/argoproj/argo-cd.git',
                  revision: 'HEAD',
                  files: [
                    {
                      path: 'applicationset/examples/list-generator/list-elementsYaml-example.yaml',
                    },
                  ],
                },
              },
              {
                list: {
                  elements: [],
                  elementsYaml: '{{ .key.components | toJson }}',
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{.name}}' },
        spec: {
          project: 'default',
          sources: [
            {
              chart: '{{.chart}}',
              repoURL: '{{.repoUrl}}',
              targetRevision: '{{.version}}',
              helm: { releaseName: '{{.releaseName}}' },
            },
          ],
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: '{{.namespace}}',
          },
        },
      },
    });
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        a.spec.sources,
        (a.spec.destination as any).namespace,
      ]),
    ).toEqual([
      [
        'component1',
        [
          {
            chart: 'podinfo',
            repoURL: 'https://stefanprodan.github.io/podinfo',
            targetRevision: '6.3.2',
            helm: { releaseName: 'component1' },
          },
        ],
        'component1',
      ],
      [
        'component2',
        [
          {
            chart: 'podinfo',
            repoURL: 'ghcr.io/stefanprodan/charts',
            targetRevision: '6.3.3',
            helm: { releaseName: 'component2' },
          },
        ],
        'component2',
      ],
    ]);
  });

  it('needs exactly two children', async () => {
    const set = appSet('three', {
      generators: [
        {
          matrix: {
            generators: [
              { list: { elements: [] } },
              { list: { elements: [] } },
              { list: { elements: [] } },
            ],
          },
        },
      ],
      template: { metadata: { name: 'x' }, spec: {} },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors[0].message).toMatch(
      /matrix generator needs exactly two child generators, found 3/,
    );
  });
});

describe('matrix generator: combining parameters as Argo CD does', () => {
  it("keeps the first child's lists over the second child's with goTemplate (mergo WithOverride replaces lists)", async () => {
    const reader = new InMemoryGitReader({
      'tenants/acme/tenant.yaml': 'tenant: acme\nregions: [eu, us]\n',
      'defaults.yaml': 'regions: [ap]\nsize: small\n',
    });
    const set = appSet('tenants', {
      ...GO,
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: 'https://git.example.org/tenants.git',
                  revision: 'HEAD',
                  files: [{ path: 'tenants/*/tenant.yaml' }],
                },
              },
              {
                git: {
                  repoURL: 'https://git.example.org/tenants.git',
                  revision: 'HEAD',
                  files: [{ path: 'defaults.yaml' }],
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: {
          name: '{{.tenant}}',
          annotations: {
            regions: '{{ join "," .regions }}',
            size: '{{.size}}',
            dir: '{{ join "/" .path.segments }}',
            file: '{{.path.filename}}',
          },
        },
        spec: {},
      },
    });
    const result = await expandApplicationSet(set, { git: reader });
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.annotations).toEqual({
      regions: 'eu,us',
      size: 'small',
      dir: 'tenants/acme',
      file: 'tenant.yaml',
    });
  });

  it("does not interpolate the second child's post selector with the first child's parameters", async () => {
    const set = appSet('literal-selector', {
      generators: [
        {
          matrix: {
            generators: [
              { list: { elements: [{ want: 'blue' }] } },
              {
                list: {
                  elements: [
                    { color: 'blue', tag: '{{want}}' },
                    { color: '{{want}}', tag: 'x' },
                  ],
                },
                selector: { matchLabels: { color: '{{want}}' } },
              },
            ],
          },
        },
      ],
      template: { metadata: { name: 'c-{{color}}-{{tag}}' }, spec: {} },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    // The elements are interpolated ({{want}} -> blue), the selector is not:
    // it looks for the literal value "{{want}}" and matches nothing.
    expect(result.applications).toEqual([]);
  });

  it('applies post selectors inside a nested matrix without applyNestedSelectors (Argo CD 3)', async () => {
    const set = appSet('nested-selectors', {
      generators: [
        {
          matrix: {
            generators: [
              { list: { elements: [{ shop: 'north' }, { shop: 'south' }] } },
              {
                matrix: {
                  generators: [
                    {
                      list: { elements: [{ app: 'till' }, { app: 'scale' }] },
                      selector: { matchLabels: { app: 'till' } },
                    },
                    { list: { elements: [{ stage: 'qa' }] } },
                  ],
                },
              },
            ],
          },
        },
      ],
      template: { metadata: { name: '{{shop}}-{{app}}-{{stage}}' }, spec: {} },
    });
    for (const applyNestedSelectors of [undefined, false, true]) {
      const result = await expandApplicationSet({
        ...set,
        spec: { ...set.spec, applyNestedSelectors },
      });
      expect(result.errors).toEqual([]);
      expect(result.applications.map(a => a.metadata.name)).toEqual([
        'north-till-qa',
        'south-till-qa',
      ]);
    }
  });
});
