import { expandApplicationSet } from '../expand';

// Generators-List.md: the list generator example.
function guestbook(elements: unknown[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      generators: [{ list: { elements } }],
      template: {
        metadata: { name: '{{cluster}}-guestbook' },
        spec: {
          project: 'my-project',
          source: {
            repoURL: 'https://github.com/argoproj/argo-cd.git',
            targetRevision: 'HEAD',
            path: 'applicationset/examples/list-generator/guestbook/{{cluster}}',
          },
          destination: { server: '{{url}}', namespace: 'guestbook' },
        },
      },
      ...extra,
    },
  };
}

describe('list generator', () => {
  it('passes element fields as parameters into the template (Generators-List.md)', async () => {
    const result = await expandApplicationSet(
      guestbook([
        { cluster: 'engineering-dev', url: 'https://kubernetes.default.svc' },
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.applications).toEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'engineering-dev-guestbook',
          namespace: 'argocd',
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: 'my-project',
          source: {
            repoURL: 'https://github.com/argoproj/argo-cd.git',
            targetRevision: 'HEAD',
            path: 'applicationset/examples/list-generator/guestbook/engineering-dev',
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'guestbook',
          },
        },
      },
    ]);
  });

  it("turns an element's values map into values.<key> parameters (v0.1.0 form)", async () => {
    const set = guestbook([
      {
        cluster: 'engineering-dev',
        url: 'https://kubernetes.default.svc',
        values: { additional: 'value' },
      },
    ]);
    set.spec.template.metadata.name = '{{cluster}}-{{values.additional}}';
    const result = await expandApplicationSet(set);
    expect(result.applications.map(a => a.metadata.name)).toEqual([
      'engineering-dev-value',
    ]);
  });

  it('requires string values with the default syntax, naming the element and the fix', async () => {
    const result = await expandApplicationSet(
      guestbook([
        { cluster: 'a', url: 'u' },
        { cluster: 'b', url: 'u', replicas: 3 },
      ]),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].path).toBe('spec.generators[0].list');
    expect(result.errors[0].message).toMatch(
      /ApplicationSet "guestbook": spec\.generators\[0\]\.list: elements\[1\]\.replicas is a number.*quote it, or set goTemplate: true/,
    );
  });

  it('keeps structured element values with goTemplate', async () => {
    const set = guestbook(
      [{ cluster: 'dev', url: 'u', replicas: 3, tags: ['a', 'b'] }],
      { goTemplate: true },
    );
    set.spec.template.metadata.name =
      '{{.cluster}}-{{.replicas}}-{{ index .tags 1 }}';
    set.spec.template.spec.source.path = 'guestbook/{{.cluster}}';
    set.spec.template.spec.destination.server = '{{.url}}';
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.name).toBe('dev-3-b');
  });

  it('appends the items of elementsYaml after elements', async () => {
    const set = guestbook([{ cluster: 'one', url: 'u1' }]);
    (set.spec.generators[0].list as Record<string, unknown>).elementsYaml =
      '- cluster: two\n  url: u2\n- cluster: three\n  url: u3\n';
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications.map(a => a.spec.destination)).toEqual([
      { server: 'u1', namespace: 'guestbook' },
      { server: 'u3', namespace: 'guestbook' },
      { server: 'u2', namespace: 'guestbook' },
    ]);
  });

  it('reads elementsYaml as YAML 1.1, as Argo CD does', async () => {
    const set = guestbook([], { goTemplate: true });
    set.spec.template.metadata.name = '{{.cluster}}-{{.canary}}-{{.mode}}';
    set.spec.template.spec.source.path = 'guestbook/{{.cluster}}';
    set.spec.template.spec.destination.server =
      'https://kubernetes.default.svc';
    (set.spec.generators[0].list as Record<string, unknown>).elementsYaml =
      '- cluster: two\n  canary: on\n  mode: 0755\n';
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.name).toBe('two-true-493');
  });

  it('reports elementsYaml that is not a list of maps', async () => {
    const set = guestbook([]);
    (set.spec.generators[0].list as Record<string, unknown>).elementsYaml =
      'cluster: one';
    const result = await expandApplicationSet(set);
    expect(result.errors[0].message).toMatch(
      /elementsYaml must be a YAML list of maps, got a map/,
    );
  });

  it('expands 1,000 elements', async () => {
    const elements = Array.from({ length: 1000 }, (_x, i) => ({
      cluster: `c${String(i).padStart(4, '0')}`,
      url: `https://10.0.${Math.floor(i / 250)}.${i % 250}`,
    }));
    const result = await expandApplicationSet(guestbook(elements));
    expect(result.errors).toEqual([]);
    expect(result.applications).toHaveLength(1000);
    expect(result.applications[0].metadata.name).toBe('c0000-guestbook');
    expect(result.applications[999].spec.destination).toEqual({
      server: 'https://10.0.3.249',
      namespace: 'guestbook',
    });
  });
});
