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

describe('templatePatch (Template.md "Template Patch")', () => {
  const element = {
    cluster: 'engineering-dev',
    url: 'https://kubernetes.default.svc',
    autoSync: true,
    prune: true,
    valueFiles: ['values.large.yaml', 'values.debug.yaml'],
  };
  const template = {
    metadata: { name: '{{ .cluster }}-deployment' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/infra-team/cluster-deployments.git',
        targetRevision: 'HEAD',
        path: 'guestbook/{{ .cluster }}',
      },
      destination: { server: '{{ .url }}', namespace: 'guestbook' },
    },
  };

  it('applies a YAML patch rendered with the parameters', async () => {
    const templatePatch = [
      'spec:',
      '  source:',
      '    helm:',
      '      valueFiles:',
      '      {{- range $valueFile := .valueFiles }}',
      '        - {{ $valueFile }}',
      '      {{- end }}',
      '{{- if .autoSync }}',
      '  syncPolicy:',
      '    automated:',
      '      prune: {{ .prune }}',
      '{{- end }}',
    ].join('\n');
    const result = await expandApplicationSet(
      listSet([element], { goTemplate: true, templatePatch }, template),
    );
    expect(result.errors).toEqual([]);
    expect(result.applications[0].spec).toEqual({
      project: 'default',
      source: {
        repoURL: 'https://github.com/infra-team/cluster-deployments.git',
        targetRevision: 'HEAD',
        path: 'guestbook/engineering-dev',
        helm: { valueFiles: ['values.large.yaml', 'values.debug.yaml'] },
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'guestbook',
      },
      syncPolicy: { automated: { prune: true } },
    });
    const off = await expandApplicationSet(
      listSet(
        [{ ...element, autoSync: false }],
        { goTemplate: true, templatePatch },
        template,
      ),
    );
    expect(off.applications[0].spec.syncPolicy).toBeUndefined();
  });

  it('applies a JSON patch (a list of operations)', async () => {
    const withHelm = {
      ...template,
      spec: {
        ...template.spec,
        source: { ...template.spec.source, helm: { valueFiles: [] } },
      },
    };
    const templatePatch =
      '[{"op": "replace", "path": "/spec/source/helm/valueFiles", "value": {{ .valueFiles | toJson }}}, {"op": "add", "path": "/spec/syncPolicy", "value": {"automated": {"prune": {{ .prune }}}}}]';
    const result = await expandApplicationSet(
      listSet([element], { goTemplate: true, templatePatch }, withHelm),
    );
    expect(result.errors).toEqual([]);
    expect((result.applications[0].spec.source as any).helm).toEqual({
      valueFiles: ['values.large.yaml', 'values.debug.yaml'],
    });
    expect(result.applications[0].spec.syncPolicy).toEqual({
      automated: { prune: true },
    });
  });

  it('cannot change spec.project', async () => {
    const result = await expandApplicationSet(
      listSet(
        [element],
        { goTemplate: true, templatePatch: 'spec:\n  project: admin\n' },
        template,
      ),
    );
    expect(result.applications[0].spec.project).toBe('default');
  });

  it('reports a patch that renders to invalid YAML', async () => {
    const result = await expandApplicationSet(
      listSet(
        [element],
        { goTemplate: true, templatePatch: 'spec: [' },
        template,
      ),
    );
    expect(result.errors[0].message).toMatch(
      /templatePatch: rendered templatePatch is not valid YAML\/JSON/,
    );
  });
});

describe('templatePatch and finalizers', () => {
  it('adds finalizers from a merge patch to the resources finalizer (ObjectMeta.finalizers merges)', async () => {
    const set = listSet([{ cluster: 'till', url: 'https://10.4.0.1' }], {
      templatePatch: 'metadata:\n  finalizers:\n    - example.org/backup\n',
    });
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].metadata.finalizers).toEqual([
      'resources-finalizer.argocd.argoproj.io',
      'example.org/backup',
    ]);
  });

  it('replaces other lists, such as spec.sources, with the patch list', async () => {
    const set = listSet(
      [{ cluster: 'till', url: 'https://10.4.0.1' }],
      {
        goTemplate: true,
        templatePatch:
          'spec:\n  sources:\n    - repoURL: https://git.example.org/b.git\n',
      },
      {
        metadata: { name: '{{.cluster}}' },
        spec: {
          project: 'default',
          sources: [
            { repoURL: 'https://git.example.org/a.git' },
            { repoURL: 'https://git.example.org/c.git' },
          ],
        },
      },
    );
    const result = await expandApplicationSet(set);
    expect(result.errors).toEqual([]);
    expect(result.applications[0].spec.sources).toEqual([
      { repoURL: 'https://git.example.org/b.git' },
    ]);
  });
});
