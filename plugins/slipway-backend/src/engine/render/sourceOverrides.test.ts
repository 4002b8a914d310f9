import {
  applySourceOverrides,
  overrideFilesIn,
  SourceOverrideError,
} from './sourceOverrides';
import type { ApplicationSource } from './types';

const source: ApplicationSource = {
  repoURL: 'https://git.example.com/acme/deploy.git',
  path: 'apps/web',
  targetRevision: 'main',
  helm: {
    releaseName: 'web',
    valueFiles: ['values.yaml'],
    parameters: [{ name: 'replicas', value: '2' }],
  },
};

const shared = (text: string) => ({ file: '.argocd-source.yaml', text });
const own = (text: string) => ({ file: '.argocd-source-web.yaml', text });

describe('overrideFilesIn', () => {
  it('finds the shared file and the application’s own file, shared first', () => {
    expect(
      overrideFilesIn(
        ['.argocd-source-web.yaml', 'Chart.yaml', '.argocd-source.yaml'],
        'web',
      ),
    ).toEqual(['.argocd-source.yaml', '.argocd-source-web.yaml']);
    expect(
      overrideFilesIn(['.argocd-source-api.yaml', 'Chart.yaml'], 'web'),
    ).toEqual([]);
    // outside Argo CD's namespace the instance name is <namespace>_<name>
    expect(
      overrideFilesIn(['.argocd-source-team_web.yaml'], 'team_web'),
    ).toEqual(['.argocd-source-team_web.yaml']);
  });
});

describe('applySourceOverrides', () => {
  it('merges each file as a JSON merge patch, the application’s file last', () => {
    const { source: merged } = applySourceOverrides(source, [
      shared('helm:\n  releaseName: shared\n  values: "a: 1"\n'),
      own('helm:\n  releaseName: own\n  valueFiles: [values-prod.yaml]\n'),
    ]);
    expect(merged.helm).toEqual({
      releaseName: 'own',
      values: 'a: 1',
      // lists are replaced, not merged
      valueFiles: ['values-prod.yaml'],
      parameters: [{ name: 'replicas', value: '2' }],
    });
    // the input is left as it was
    expect(source.helm?.releaseName).toBe('web');
  });

  it('reads the files Argo CD Image Updater writes back, whose field names are lower case', () => {
    const written = [
      'helm:',
      '  parameters:',
      '  - name: image.name',
      '    value: registry.example.com/web',
      '    forcestring: true',
      '  - name: image.tag',
      '    value: "1e10"',
      '    forcestring: true',
      '',
    ].join('\n');
    const { source: merged, ignoredFields } = applySourceOverrides(source, [
      own(written),
    ]);
    expect(merged.helm?.parameters).toEqual([
      {
        name: 'image.name',
        value: 'registry.example.com/web',
        forceString: true,
      },
      { name: 'image.tag', value: '1e10', forceString: true },
    ]);
    expect(ignoredFields).toEqual([]);

    const kustomized = applySourceOverrides(
      { repoURL: source.repoURL, path: 'overlays/prod' },
      [own('kustomize:\n  images:\n  - registry.example.com/web:1.22\n')],
    );
    expect(kustomized.source.kustomize).toEqual({
      images: ['registry.example.com/web:1.22'],
    });
  });

  it('reads YAML 1.1 booleans, as Argo CD’s YAML reader does', () => {
    const { source: merged } = applySourceOverrides(source, [
      own('helm:\n  skipCrds: yes\n  passCredentials: off\n'),
    ]);
    expect(merged.helm).toMatchObject({
      skipCrds: true,
      passCredentials: false,
    });
  });

  it('removes a field set to null', () => {
    const { source: merged } = applySourceOverrides(source, [
      shared('helm:\n  parameters: null\n'),
    ]);
    expect(merged.helm).toEqual({
      releaseName: 'web',
      valueFiles: ['values.yaml'],
    });
  });

  it('keeps which source it is: repoURL, path, targetRevision and chart stay the application’s', () => {
    const { source: merged } = applySourceOverrides(source, [
      shared(
        'repoURL: https://evil.example.com/x.git\npath: ../elsewhere\ntargetRevision: v0\nchart: other\nref: values\n',
      ),
    ]);
    expect(merged).toMatchObject({
      repoURL: source.repoURL,
      path: 'apps/web',
      targetRevision: 'main',
      ref: 'values',
    });
    expect(merged).not.toHaveProperty('chart');
  });

  it('ignores fields Argo CD does not know, saying which, and leaves map values as written', () => {
    const { source: merged, ignoredFields } = applySourceOverrides(
      { repoURL: source.repoURL, path: 'overlays/prod' },
      [
        own(
          'kustomize:\n  commonLabels:\n    Team: web\n  namPrefix: typo-\nimageUpdater: {}\n',
        ),
      ],
    );
    expect(merged.kustomize).toEqual({ commonLabels: { Team: 'web' } });
    expect(ignoredFields).toEqual([
      '.argocd-source-web.yaml: kustomize.namPrefix',
      '.argocd-source-web.yaml: imageUpdater',
    ]);
  });

  it('changes nothing for an empty file', () => {
    expect(
      applySourceOverrides(source, [shared(''), own('# nothing yet\n')]).source,
    ).toEqual(source);
  });

  it('refuses a file it cannot apply, naming the file and the field', () => {
    const attempt = (text: string) => () =>
      applySourceOverrides(source, [own(text)]);
    expect(
      attempt('helm:\n  parameters:\n  - name: image.tag\n    value: 1.22\n'),
    ).toThrow(
      '.argocd-source-web.yaml: helm.parameters[0].value must be a string (quote numbers and booleans), not number 1.22',
    );
    expect(attempt('helm:\n  valueFiles: values.yaml\n')).toThrow(
      'helm.valueFiles must be a list of strings',
    );
    expect(attempt('- helm\n')).toThrow(
      '.argocd-source-web.yaml must be a map of source fields (helm, kustomize, directory), not a list',
    );
    expect(attempt('helm: [unclosed\n')).toThrow(
      /\.argocd-source-web\.yaml is not valid YAML/,
    );
    expect(
      attempt('kustomize:\n  replicas:\n  - name: web\n    count: 2.5\n'),
    ).toThrow('kustomize.replicas[0].count must be an integer or a string');
    expect(attempt('helm: 3\n')).toThrow(SourceOverrideError);
  });
});
