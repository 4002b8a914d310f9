import { detectSourceType, SourceTypeError } from './detectSourceType';

const repoURL = 'https://git.example.com/a.git';

describe('detectSourceType', () => {
  it('discovers the type from the folder like Argo CD', () => {
    expect(detectSourceType({ repoURL }, ['kustomization.yaml', 'deploy.yaml'])).toBe('Kustomize');
    expect(detectSourceType({ repoURL }, ['Kustomization'])).toBe('Kustomize');
    expect(detectSourceType({ repoURL }, ['Chart.yaml', 'values.yaml'])).toBe('Helm');
    expect(detectSourceType({ repoURL }, ['a.yaml'])).toBe('Directory');
  });

  it('lets a chart or a non-empty explicit option block win', () => {
    expect(detectSourceType({ repoURL, chart: 'nginx' }, [])).toBe('Helm');
    expect(detectSourceType({ repoURL, directory: { recurse: true } }, ['Chart.yaml'])).toBe('Directory');
    expect(detectSourceType({ repoURL, helm: { releaseName: 'x' } }, ['kustomization.yaml'])).toBe('Helm');
    expect(detectSourceType({ repoURL, helm: {} }, ['kustomization.yaml'])).toBe('Kustomize');
  });

  it('refuses plugins and conflicting option blocks', () => {
    expect(() => detectSourceType({ repoURL, plugin: { name: 'x' } }, [])).toThrow(SourceTypeError);
    expect(() =>
      detectSourceType({ repoURL, helm: { releaseName: 'x' }, kustomize: { namePrefix: 'p-' } }, []),
    ).toThrow(/helm and kustomize/);
  });
});
