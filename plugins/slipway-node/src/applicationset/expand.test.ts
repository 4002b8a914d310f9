import { expandApplicationSet } from './expand';

function listSet(
  elements: unknown[],
  spec: Record<string, unknown> = {},
  template?: Record<string, unknown>,
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      generators: [{ list: { elements } }],
      template: template ?? {
        metadata: { name: '{{cluster}}-guestbook' },
        spec: {
          project: 'default',
          destination: { server: '{{url}}', namespace: 'guestbook' },
        },
      },
      ...spec,
    },
  };
}

describe('template rendering', () => {
  it('substitutes `{{ param }}` with spaces and leaves unknown parameters as written (fasttemplate)', async () => {
    const result = await expandApplicationSet(
      listSet(
        [{ cluster: 'dev', url: 'u' }],
        {},
        {
          metadata: {
            name: '{{ cluster }}',
            annotations: { a: '{{unknown}}-{{ cluster}}' },
          },
          spec: {},
        },
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'dev',
      namespace: 'argocd',
      annotations: { a: '{{unknown}}-dev' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
  });

  it('substitutes per string value, so a value with newlines and YAML cannot add fields', async () => {
    const evil = 'x\nspec:\n  project: admin\nmetadata:\n  name: pwned';
    for (const goTemplate of [false, true]) {
      const template = {
        metadata: { name: goTemplate ? '{{.cluster}}' : '{{cluster}}' },
        spec: {
          project: 'default',
          source: { path: goTemplate ? 'apps/{{.note}}' : 'apps/{{note}}' },
        },
      };
      const result = await expandApplicationSet(
        listSet([{ cluster: 'dev', note: evil }], { goTemplate }, template),
      );
      expect(result.errors).toEqual([]);
      expect(result.applications[0].metadata.name).toBe('dev');
      expect(result.applications[0].spec).toEqual({
        project: 'default',
        source: { path: `apps/${evil}` },
      });
    }
  });

  it('templates map keys as well as values', async () => {
    const result = await expandApplicationSet(
      listSet(
        [{ cluster: 'dev' }],
        {},
        {
          metadata: { name: 'a', labels: { 'team-{{cluster}}': 'yes' } },
          spec: {},
        },
      ),
    );
    expect(result.applications[0].metadata.labels).toEqual({
      'team-dev': 'yes',
    });
  });

  it('reports a missing key with missingkey=error, naming the field and the parameter set', async () => {
    const set = listSet(
      [{ cluster: 'dev' }],
      { goTemplate: true, goTemplateOptions: ['missingkey=error'] },
      {
        metadata: { name: '{{.cluster}}' },
        spec: { destination: { server: '{{.url}}' } },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.applications).toEqual([]);
    expect(result.errors).toEqual([
      {
        applicationSet: 'guestbook',
        path: 'spec.generators[0].list (parameter set 0)',
        message: expect.stringMatching(
          /^ApplicationSet "guestbook": spec\.generators\[0\]\.list \(parameter set 0\): template\.spec\.destination\.server: .*map has no entry for key "url"/,
        ),
      },
    ]);
  });

  it('prints "<no value>" for a missing key without missingkey=error, as Argo CD does', async () => {
    const set = listSet(
      [{ cluster: 'dev' }],
      { goTemplate: true },
      {
        metadata: { name: '{{.cluster}}' },
        spec: { destination: { server: '{{.url}}' } },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.applications[0].spec.destination).toEqual({
      server: '<no value>',
    });
  });

  it('takes fields from a template inside the generator over the spec template (Template.md "Generator templates")', async () => {
    // generators[].list.template is a partial template: its fields win, the
    // fields it leaves empty come from spec.template.
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'shop' },
      spec: {
        generators: [
          {
            list: {
              elements: [{ store: 'berlin', api: 'https://10.0.0.1' }],
              template: {
                metadata: {},
                spec: {
                  project: 'stores',
                  source: {
                    targetRevision: 'release',
                    repoURL: 'https://git.example.org/shop.git',
                    path: 'overrides/{{store}}',
                  },
                  destination: {},
                },
              },
            },
          },
          { list: { elements: [{ store: 'paris', api: 'https://10.0.0.2' }] } },
        ],
        template: {
          metadata: { name: 'shop-{{store}}' },
          spec: {
            project: 'default',
            source: {
              repoURL: 'https://git.example.org/shop.git',
              targetRevision: 'HEAD',
              path: 'base',
            },
            destination: { server: '{{api}}', namespace: 'shop' },
          },
        },
      },
    };
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications).toEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'shop-berlin',
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: 'stores',
          source: {
            targetRevision: 'release',
            repoURL: 'https://git.example.org/shop.git',
            path: 'overrides/berlin',
          },
          destination: { server: 'https://10.0.0.1', namespace: 'shop' },
        },
      },
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'shop-paris',
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: 'default',
          source: {
            repoURL: 'https://git.example.org/shop.git',
            targetRevision: 'HEAD',
            path: 'base',
          },
          destination: { server: 'https://10.0.0.2', namespace: 'shop' },
        },
      },
    ]);
  });

  it('uses the template of a matrix generator, and ignores templates inside its children (Generators-Matrix.md restrictions)', async () => {
    const set = listSet(
      [],
      {},
      {
        metadata: { name: '{{a}}-{{b}}' },
        spec: { project: 'default', source: { path: 'base' } },
      },
    );
    (set.spec as Record<string, unknown>).generators = [
      {
        matrix: {
          template: { metadata: {}, spec: { project: 'matrixed' } },
          generators: [
            {
              list: {
                elements: [{ a: 'x' }],
                template: { metadata: {}, spec: { project: 'ignored' } },
              },
            },
            { list: { elements: [{ b: 'y' }] } },
          ],
        },
      },
    ];
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => [a.metadata.name, a.spec])).toEqual([
      ['x-y', { project: 'matrixed', source: { path: 'base' } }],
    ]);
  });

  it('reports a template placed beside the generator instead of inside it', async () => {
    const set = listSet([{ cluster: 'dev' }]);
    (set.spec.generators[0] as Record<string, unknown>).template = {
      spec: { project: 'x' },
    };
    const result = await expandApplicationSet(set);
    expect(result.applications).toEqual([]);
    expect(result.errors.map(e => e.message)).toEqual([
      'ApplicationSet "guestbook": spec.generators[0].template: a generator\'s template goes inside the generator, e.g. spec.generators[0].list.template (Template.md "Generator templates")',
    ]);
  });

  it('filters parameter sets with a post selector (Generators-Post-Selector.md)', async () => {
    const set = listSet([
      {
        cluster: 'engineering-dev',
        url: 'https://kubernetes.default.svc',
        env: 'staging',
      },
      {
        cluster: 'engineering-prod',
        url: 'https://kubernetes.default.svc',
        env: 'prod',
      },
    ]);
    (set.spec.generators[0] as Record<string, unknown>).selector = {
      matchLabels: { env: 'staging' },
    };
    const result = await expandApplicationSet(set);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'engineering-dev-guestbook',
    ]);
  });
});

describe('names and limits', () => {
  it('reports duplicate generated names, naming both origins', async () => {
    const set = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'dupes' },
      spec: {
        generators: [
          { list: { elements: [{ cluster: 'a' }, { cluster: 'b' }] } },
          { list: { elements: [{ cluster: 'b' }] } },
        ],
        template: { metadata: { name: 'app-{{cluster}}' }, spec: {} },
      },
    };
    const result = await expandApplicationSet(set);
    expect(result.errors.map(e => e.message)).toEqual([
      'ApplicationSet "dupes": spec.generators[1].list: Application name "app-b" is generated twice: by spec.generators[0].list (parameter set 1) and by spec.generators[1].list (parameter set 0); make template.metadata.name unique per parameter set',
    ]);
  });

  it('caps the Applications of one set (default 1000) and emits none beyond it', async () => {
    const elements = (n: number) =>
      Array.from({ length: n }, (_x, i) => ({ cluster: `c${i}`, url: 'u' }));
    const over = await expandApplicationSet(listSet(elements(1001)));
    expect(over.applications).toEqual([]);
    expect(over.errors[0].message).toMatch(
      /generates more than 1000 Applications \(the limit\)/,
    );
    const configured = await expandApplicationSet(listSet(elements(3)), {
      limits: { maxApplications: 2 },
    });
    expect(configured.applications).toEqual([]);
    expect(configured.errors[0].message).toMatch(/more than 2 Applications/);
    expect(
      (
        await expandApplicationSet(listSet(elements(2)), {
          limits: { maxApplications: 2 },
        })
      ).applications,
    ).toHaveLength(2);
  });

  it('rejects generated names that are not valid Kubernetes names', async () => {
    const result = await expandApplicationSet(
      listSet([{ cluster: 'My_Cluster', url: 'u' }]),
    );
    expect(result.errors[0].message).toMatch(
      /generated name "My_Cluster-guestbook" is not a valid Kubernetes name/,
    );
  });

  it("puts Applications in the ApplicationSet's namespace, sorted by name", async () => {
    const result = await expandApplicationSet(
      listSet([
        { cluster: 'b', url: 'u' },
        { cluster: 'a', url: 'u' },
      ]),
    );
    expect(
      result.applications.map(a => [a.metadata.name, a.metadata.namespace]),
    ).toEqual([
      ['a-guestbook', 'argocd'],
      ['b-guestbook', 'argocd'],
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [null, /the document is not a map/],
    [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      /apiVersion: expected "argoproj\.io\/v1alpha1"/,
    ],
    [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'x' },
        spec: { generators: [] },
      },
      /spec\.generators: needs at least one generator/,
    ],
    [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'x' },
        spec: { generators: [{ pullRequest: {} }], template: {} },
      },
      /the pullRequest generator is not supported; use one of list, clusters, git, plugin, clusterDecisionResource, matrix, merge/,
    ],
    [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'x' },
        spec: { generators: [{ list: 'oops' }], template: {} },
      },
      /list generator must be a map/,
    ],
    [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'x' },
        spec: {
          generators: [{ list: { elements: [{ a: 'b' }] } }],
          template: { metadata: { name: '{{ if }}' } },
          goTemplate: true,
        },
      },
      /template\.metadata\.name: .*missing value for if/,
    ],
  ])('returns errors instead of throwing (%#)', async (input, message) => {
    const result = await expandApplicationSet(input);
    expect(result.applications).toEqual([]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map(e => e.message).join('\n')).toMatch(message);
  });
});

describe('Application deletion (Application-Deletion.md)', () => {
  const FINALIZER = 'resources-finalizer.argocd.argoproj.io';
  const base = (spec: Record<string, unknown> = {}, meta = {}) =>
    listSet([{ cluster: 'kiosk', url: 'https://10.9.0.1' }], spec, {
      metadata: { name: 'pos-{{cluster}}', ...meta },
      spec: { project: 'default', destination: { server: '{{url}}' } },
    });

  it('gives every generated Application the resources finalizer by default', async () => {
    const result = await expandApplicationSet(base());
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.finalizers).toEqual([FINALIZER]);
  });

  it('leaves the finalizer off with syncPolicy.preserveResourcesOnDeletion: true', async () => {
    const result = await expandApplicationSet(
      base({ syncPolicy: { preserveResourcesOnDeletion: true } }),
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'pos-kiosk',
      namespace: 'argocd',
    });
  });

  it('adds it with preserveResourcesOnDeletion: false, and keeps finalizers the template sets instead', async () => {
    const off = await expandApplicationSet(
      base({ syncPolicy: { preserveResourcesOnDeletion: false } }),
    );
    expect(off.applications[0].metadata.finalizers).toEqual([FINALIZER]);
    const own = await expandApplicationSet(
      base({}, { finalizers: ['example.org/audit'] }),
    );
    expect(own.applications[0].metadata.finalizers).toEqual([
      'example.org/audit',
    ]);
  });

  it('leaves the template untouched for an empty parameter set, finalizer included', async () => {
    const set = listSet(
      [{}],
      {},
      {
        metadata: { name: 'static-app' },
        spec: { project: 'default' },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata).toEqual({
      name: 'static-app',
      namespace: 'argocd',
    });
  });

  it('accepts the controller-only fields (ignoreApplicationDifferences, applicationsSync, strategy, preservedFields, applyNestedSelectors)', async () => {
    const result = await expandApplicationSet(
      base({
        syncPolicy: { applicationsSync: 'create-update' },
        ignoreApplicationDifferences: [
          { jsonPointers: ['/spec/source/targetRevision'] },
          {
            name: 'pos-kiosk',
            jqPathExpressions: ['.spec.source.helm.values'],
          },
        ],
        strategy: {
          type: 'RollingSync',
          rollingSync: {
            steps: [
              {
                matchExpressions: [
                  { key: 'env', operator: 'In', values: ['qa'] },
                ],
              },
            ],
          },
        },
        preservedFields: { annotations: ['example.org/note'] },
        applyNestedSelectors: true,
      }),
    );
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'pos-kiosk',
    ]);
  });

  it('reports a preserveResourcesOnDeletion that is not a boolean', async () => {
    const result = await expandApplicationSet(
      base({ syncPolicy: { preserveResourcesOnDeletion: 'yes' } }),
    );
    expect(result.errors.map(e => e.message)).toEqual([
      'ApplicationSet "guestbook": spec.syncPolicy.preserveResourcesOnDeletion: must be true or false',
    ]);
  });
});

describe('fasttemplate and `{{` in template fields (Template.md)', () => {
  it('leaves Helm-style tags and unclosed braces alone, and renders tags across lines', async () => {
    const set = listSet(
      [{ cluster: 'kiosk', url: 'u' }],
      {},
      {
        metadata: { name: '{{cluster}}' },
        spec: {
          project: 'default',
          source: {
            helm: {
              values: 'name: {{cluster}}\nimage: {{ .Values.image }}\n',
              parameters: [
                { name: 'a', value: 'x {{ y' },
                { name: 'b', value: '{{}}' },
              ],
            },
          },
        },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].spec.source).toEqual({
      helm: {
        values: 'name: kiosk\nimage: {{ .Values.image }}\n',
        parameters: [
          { name: 'a', value: 'x {{ y' },
          { name: 'b', value: '{{}}' },
        ],
      },
    });
  });

  it('reports a tag opened after a complete one without its end, as fasttemplate does', async () => {
    const set = listSet(
      [{ cluster: 'kiosk' }],
      {},
      {
        metadata: { name: '{{cluster}}' },
        spec: { project: 'default', info: '{{cluster}} and {{ more' },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.errors[0].message).toMatch(
      /template\.spec\.info: cannot find end tag "}}"/,
    );
  });
});
