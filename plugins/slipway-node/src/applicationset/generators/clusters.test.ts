import { expandApplicationSet } from '../expand';
import type { ClusterInfo } from '../types';

const clusters: ClusterInfo[] = [
  { name: 'in-cluster', server: 'https://kubernetes.default.svc', local: true },
  {
    name: 'staging_east',
    server: 'https://1.2.3.4',
    labels: { staging: 'true', type: 'staging', environment: 'staging' },
    annotations: { 'my-custom-annotation': 'release-1.2' },
  },
  {
    name: 'production',
    server: 'https://2.4.6.8',
    labels: { type: 'production', environment: 'production' },
  },
];

function set(
  generator: Record<string, unknown>,
  template: Record<string, unknown>,
  goTemplate = true,
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'guestbook' },
    spec: {
      goTemplate,
      goTemplateOptions: goTemplate ? ['missingkey=error'] : undefined,
      generators: [{ clusters: generator }],
      template: {
        metadata: { name: '{{.nameNormalized}}-guestbook' },
        spec: {
          project: 'my-project',
          destination: { server: '{{.server}}', namespace: 'guestbook' },
        },
        ...template,
      },
    },
  };
}

describe('clusters generator', () => {
  it('targets every cluster, the local one included, with `clusters: {}` (Generators-Cluster.md)', async () => {
    const result = await expandApplicationSet(set({}, {}), { clusters });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        (a.spec.destination as any).server,
      ]),
    ).toEqual([
      ['in-cluster-guestbook', 'https://kubernetes.default.svc'],
      ['production-guestbook', 'https://2.4.6.8'],
      ['staging-east-guestbook', 'https://1.2.3.4'],
    ]);
  });

  it('defaults to the local in-cluster when no clusters are configured', async () => {
    const result = await expandApplicationSet(set({}, {}));
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'in-cluster-guestbook',
    ]);
  });

  it('narrows with matchLabels and never matches the local cluster with a selector', async () => {
    const result = await expandApplicationSet(
      set({ selector: { matchLabels: { staging: 'true' } } }, {}),
      { clusters },
    );
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'staging-east-guestbook',
    ]);
    // Selecting on the secret-type label picks every remote cluster but not the local one.
    const remote = await expandApplicationSet(
      set(
        {
          selector: {
            matchLabels: { 'argocd.argoproj.io/secret-type': 'cluster' },
          },
        },
        {},
      ),
      { clusters },
    );
    expect(remote.applications.map(a => a.metadata.name)).toEqual([
      'production-guestbook',
      'staging-east-guestbook',
    ]);
  });

  it('supports set-based matchExpressions', async () => {
    const sel = (operator: string, values?: string[]) =>
      set(
        { selector: { matchExpressions: [{ key: 'type', operator, values }] } },
        {},
      );
    const names = async (s: unknown) =>
      (await expandApplicationSet(s, { clusters })).applications.map(
        a => a.metadata.name,
      );
    expect(await names(sel('In', ['production']))).toEqual([
      'production-guestbook',
    ]);
    expect(await names(sel('NotIn', ['production']))).toEqual([
      'staging-east-guestbook',
    ]);
    expect(await names(sel('Exists'))).toEqual([
      'production-guestbook',
      'staging-east-guestbook',
    ]);
    expect(await names(sel('DoesNotExist'))).toEqual([]);
    const bad = await expandApplicationSet(sel('Near', ['x']), { clusters });
    expect(bad.errors[0].message).toMatch(
      /operator "Near" is not one of In, NotIn, Exists, DoesNotExist/,
    );
  });

  it('provides name, nameNormalized, server and metadata labels/annotations as maps with goTemplate', async () => {
    const result = await expandApplicationSet(
      set(
        { selector: { matchLabels: { staging: 'true' } } },
        {
          metadata: {
            name: '{{.nameNormalized}}',
            annotations: {
              raw: '{{.name}}',
              env: '{{index .metadata.labels "environment"}}',
              note: '{{index .metadata.annotations "my-custom-annotation"}}',
            },
          },
        },
      ),
      { clusters },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'staging-east',
      annotations: { raw: 'staging_east', env: 'staging', note: 'release-1.2' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
  });

  it('provides metadata.labels.<key> and metadata.annotations.<key> with the default syntax', async () => {
    const result = await expandApplicationSet(
      set(
        { selector: { matchLabels: { staging: 'true' } } },
        {
          metadata: {
            name: '{{nameNormalized}}-{{metadata.labels.environment}}',
            annotations: { a: '{{metadata.annotations.my-custom-annotation}}' },
          },
        },
        false,
      ),
      { clusters },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'staging-east-staging',
      annotations: { a: 'release-1.2' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
  });

  it('adds values.<key>, interpolated from the cluster parameters (Generators-Cluster.md `values`)', async () => {
    const s = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'guestbook' },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [
          {
            clusters: {
              selector: { matchLabels: { type: 'staging' } },
              values: {
                revision:
                  '{{index .metadata.annotations "my-custom-annotation"}}',
                clusterName: '{{.name}}',
              },
            },
          },
          {
            clusters: {
              selector: { matchLabels: { type: 'production' } },
              values: { revision: 'stable', clusterName: '{{.name}}' },
            },
          },
        ],
        template: {
          metadata: { name: '{{.nameNormalized}}-guestbook' },
          spec: {
            project: 'my-project',
            source: { targetRevision: '{{.values.revision}}' },
            destination: { server: '{{.values.clusterName}}' },
          },
        },
      },
    };
    const result = await expandApplicationSet(s, { clusters });
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        a.spec.source,
        a.spec.destination,
      ]),
    ).toEqual([
      [
        'production-guestbook',
        { targetRevision: 'stable' },
        { server: 'production' },
      ],
      [
        'staging-east-guestbook',
        { targetRevision: 'release-1.2' },
        { server: 'staging_east' },
      ],
    ]);
  });
});

describe('clusters generator parameters (Generators-Cluster.md)', () => {
  it('gives project "" to the local cluster too, and a cluster Secret\'s project when it has one', async () => {
    const withProject: ClusterInfo[] = [
      ...clusters,
      { name: 'edge', server: 'https://7.7.7.7', project: 'retail' },
    ];
    const result = await expandApplicationSet(
      set(
        {},
        {
          metadata: {
            name: '{{.nameNormalized}}',
            annotations: { project: '[{{.project}}]' },
          },
        },
      ),
      { clusters: withProject },
    );
    expect(result.errors).toEqual([]);
    expect(
      result.applications.map(a => [
        a.metadata.name,
        a.metadata.annotations?.project,
      ]),
    ).toEqual([
      ['edge', '[retail]'],
      ['in-cluster', '[]'],
      ['production', '[]'],
      ['staging-east', '[]'],
    ]);
  });

  it('gives "" for a label or annotation the cluster lacks through index (Go map[string]string)', async () => {
    const result = await expandApplicationSet(
      set(
        {
          selector: { matchLabels: { environment: 'production' } },
          values: {
            revision: '{{index .metadata.labels "revision"}}',
          },
        },
        {
          metadata: {
            name: '{{.nameNormalized}}',
            annotations: {
              rev: '[{{.values.revision}}]',
              missingValue: '[{{index .values "nope"}}]',
            },
          },
        },
      ),
      { clusters },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.annotations).toEqual({
      rev: '[]',
      missingValue: '[]',
    });
  });

  it('gives one parameter set holding all clusters with flatList: true', async () => {
    const result = await expandApplicationSet(
      set(
        {
          selector: { matchExpressions: [{ key: 'type', operator: 'Exists' }] },
          flatList: true,
          values: { tier: '{{.metadata.labels.type}}' },
        },
        {
          metadata: { name: 'fleet-overview' },
          spec: {
            project: 'my-project',
            source: {
              helm: {
                values:
                  'clusters:\n{{- range .clusters }}\n  - {{ .name }} ({{ .values.tier }})\n{{- end }}\n',
              },
            },
          },
        },
      ),
      { clusters },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'fleet-overview',
    ]);
    expect((result.applications[0].spec.source as any).helm.values).toBe(
      'clusters:\n  - staging_east (staging)\n  - production (production)\n',
    );
  });

  it('adds no values map for an empty `values`', async () => {
    const result = await expandApplicationSet(
      set(
        { selector: { matchLabels: { type: 'production' } }, values: {} },
        { metadata: { name: '{{.nameNormalized}}-{{hasKey . "values"}}' } },
      ),
      { clusters },
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.name).toBe('production-false');
  });
});
