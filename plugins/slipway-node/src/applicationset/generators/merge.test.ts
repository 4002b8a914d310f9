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

const leaf = (v: string) => ({ list: { elements: [{ v }] } });

describe('nesting of matrix and merge', () => {
  it('allows one level of nesting', async () => {
    const set = appSet('nested', {
      generators: [
        {
          matrix: {
            generators: [
              leaf('a'),
              {
                matrix: {
                  generators: [
                    { list: { elements: [{ w: 'b' }] } },
                    { list: { elements: [{ x: 'c' }, { x: 'd' }] } },
                  ],
                },
              },
            ],
          },
        },
      ],
      template: { metadata: { name: '{{v}}-{{w}}-{{x}}' }, spec: {} },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'a-b-c',
      'a-b-d',
    ]);
  });

  it('rejects a third level (Generators-Matrix.md / Generators-Merge.md restrictions)', async () => {
    const set = appSet('too-deep', {
      generators: [
        {
          merge: {
            mergeKeys: ['v'],
            generators: [
              leaf('a'),
              {
                merge: {
                  mergeKeys: ['v'],
                  generators: [
                    leaf('a'),
                    {
                      merge: {
                        mergeKeys: ['v'],
                        generators: [leaf('a'), leaf('a')],
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
      template: { metadata: { name: '{{v}}' }, spec: {} },
    });
    const result = await expandApplicationSet(set);
    expect(result.applications).toEqual([]);
    expect(result.errors[0].path).toBe(
      'spec.generators[0].merge.generators[1].merge.generators[1].merge',
    );
    expect(result.errors[0].message).toMatch(
      /matrix and merge nest only one level/,
    );
  });

  it('rejects two generators in one child entry', async () => {
    const set = appSet('two-in-one', {
      generators: [
        { matrix: { generators: [{ ...leaf('a'), clusters: {} }, leaf('b')] } },
      ],
      template: { metadata: { name: 'x' }, spec: {} },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors[0].message).toMatch(
      /spec\.generators\[0\]\.matrix\.generators\[0\]: child generator sets list and clusters; put each generator in its own list entry/,
    );
  });
});

describe('merge generator', () => {
  // Generators-Merge.md "Example: Base Cluster generator + override Cluster generator + List generator".
  const mergeSet = appSet('cluster-git', {
    generators: [
      {
        merge: {
          mergeKeys: ['server'],
          generators: [
            { clusters: { values: { kafka: 'true', redis: 'false' } } },
            {
              clusters: {
                selector: { matchLabels: { 'use-kafka': 'false' } },
                values: { kafka: 'false' },
              },
            },
            {
              list: {
                elements: [
                  { server: 'https://2.4.6.8', 'values.redis': 'true' },
                ],
              },
            },
          ],
        },
      },
    ],
    template: {
      metadata: { name: '{{name}}' },
      spec: {
        project: '{{metadata.labels.environment}}',
        source: {
          repoURL: 'https://github.com/argoproj/argo-cd.git',
          targetRevision: 'HEAD',
          path: 'app',
          helm: {
            parameters: [
              { name: 'kafka', value: '{{values.kafka}}' },
              { name: 'redis', value: '{{values.redis}}' },
            ],
          },
        },
        destination: { server: '{{server}}', namespace: 'default' },
      },
    },
  });

  it('overrides base parameter sets with later children matched by merge keys (documented final output)', async () => {
    const result = await expandApplicationSet(mergeSet, { clusters });
    expect(result.errors).toEqual([]);
    const params = (a: any) =>
      Object.fromEntries(
        a.spec.source.helm.parameters.map((p: any) => [p.name, p.value]),
      );
    expect(
      result.applications.map(a => [
        a.metadata.name,
        a.spec.project,
        params(a),
      ]),
    ).toEqual([
      ['production', 'production', { kafka: 'true', redis: 'true' }],
      ['staging', 'staging', { kafka: 'false', redis: 'false' }],
    ]);
  });

  it('merges on interpolated values (Generators-Merge.md "Use value interpolation in merge")', async () => {
    const reader = new InMemoryGitReader({
      'Germany/app.yaml': '',
      'France/app.yaml': '',
    });
    const set = appSet('cluster-git', {
      generators: [
        {
          merge: {
            mergeKeys: ['values.selector'],
            generators: [
              {
                clusters: {
                  values: { selector: '{{ metadata.labels.location }}' },
                },
              },
              {
                git: {
                  repoURL: 'https://github.com/argoproj/argocd-example-apps/',
                  revision: 'HEAD',
                  directories: [{ path: '*' }],
                  values: { selector: '{{ path }}' },
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{name}}' },
        spec: {
          project: 'default',
          source: { path: '{{path}}' },
          destination: { server: '{{server}}' },
        },
      },
    });
    const located: ClusterInfo[] = [
      {
        name: 'germany01',
        server: 'https://1.2.3.4',
        labels: { location: 'Germany' },
      },
      {
        name: 'spain01',
        server: 'https://5.6.7.8',
        labels: { location: 'Spain' },
      },
    ];
    const result = await expandApplicationSet(set, {
      clusters: located,
      git: reader,
    });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [a.metadata.name, a.spec.source]),
    ).toEqual([
      ['germany01', { path: 'Germany' }],
      // No matching directory: the base set stays without git parameters, and the tag is left as written.
      ['spain01', { path: '{{path}}' }],
    ]);
  });

  it('looks merge keys up as literal parameter names, so nested keys find nothing with goTemplate (Generators-Merge.md)', async () => {
    const set = (elements: unknown[]) =>
      appSet('go-merge', {
        ...GO,
        generators: [
          {
            merge: {
              mergeKeys: ['app.name'],
              generators: [
                { list: { elements } },
                {
                  list: {
                    elements: [{ app: { name: 'b', tier: 'cache' } }],
                  },
                },
              ],
            },
          },
        ],
        template: {
          metadata: { name: '{{.app.name}}-{{.app.tier}}' },
          spec: {},
        },
      });
    // Two base sets both have the key {"app.name":null}: Argo CD reports them as not unique.
    const two = await expandApplicationSet(
      set([
        { app: { name: 'a', tier: 'web' } },
        { app: { name: 'b', tier: 'db' } },
      ]),
    );
    expect(two.applications).toEqual([]);
    expect(two.errors.map(e => e.message)).toEqual([
      expect.stringMatching(
        /merge\.generators\[0\]: produced two parameter sets with the same merge key \{"app\.name":null\}.*nested keys such as values\.x are not supported/,
      ),
    ]);
    // One base set: its null key matches the null key of the override, which wins.
    const one = await expandApplicationSet(
      set([{ app: { name: 'a', tier: 'web' } }]),
    );
    expect(one.errors).toEqual([]);
    expect(one.applications.map(a => a.metadata.name)).toEqual(['b-cache']);
  });

  it('matches a literal dotted parameter name with goTemplate', async () => {
    const set = appSet('go-literal', {
      ...GO,
      generators: [
        {
          merge: {
            mergeKeys: ['site.id'],
            generators: [
              {
                list: {
                  elements: [
                    { 'site.id': 'a', tier: 'web' },
                    { 'site.id': 'b', tier: 'db' },
                  ],
                },
              },
              { list: { elements: [{ 'site.id': 'b', tier: 'cache' }] } },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{index . "site.id"}}-{{.tier}}' },
        spec: {},
      },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'a-web',
      'b-cache',
    ]);
  });

  it('requires merge keys and unique parameter sets per child', async () => {
    const noKeys = appSet('m', {
      generators: [{ merge: { generators: [leaf('a'), leaf('b')] } }],
      template: { metadata: { name: 'x' }, spec: {} },
    });
    expect((await expandApplicationSet(noKeys)).errors[0].message).toMatch(
      /needs "mergeKeys"/,
    );
    const dup = appSet('m', {
      generators: [
        {
          merge: {
            mergeKeys: ['v'],
            generators: [
              { list: { elements: [{ v: 'a' }, { v: 'a' }] } },
              leaf('a'),
            ],
          },
        },
      ],
      template: { metadata: { name: '{{v}}' }, spec: {} },
    });
    const result = await expandApplicationSet(dup);
    expect(result.errors[0].message).toMatch(
      /spec\.generators\[0\]\.merge\.generators\[0\]: produced two parameter sets with the same merge key \{"v":"a"\}/,
    );
  });
});

describe('merge generator: combining parameters as Argo CD does', () => {
  it('lets a later child replace a list and leave other keys with goTemplate', async () => {
    const set = appSet('regions', {
      ...GO,
      generators: [
        {
          merge: {
            mergeKeys: ['shop'],
            generators: [
              {
                list: {
                  elements: [
                    {
                      shop: 'north',
                      zones: ['a', 'b'],
                      owner: { team: 'ops' },
                    },
                    { shop: 'south', zones: ['c'], owner: { team: 'ops' } },
                  ],
                },
              },
              {
                list: {
                  elements: [
                    { shop: 'north', zones: ['z'], owner: { pager: 'on' } },
                  ],
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: {
          name: '{{.shop}}',
          annotations: {
            zones: '{{ join "," .zones }}',
            owner: '{{ toJson .owner }}',
          },
        },
        spec: {},
      },
    });
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [a.metadata.name, a.metadata.annotations]),
    ).toEqual([
      ['north', { zones: 'z', owner: '{"pager":"on","team":"ops"}' }],
      ['south', { zones: 'c', owner: '{"team":"ops"}' }],
    ]);
  });
});
