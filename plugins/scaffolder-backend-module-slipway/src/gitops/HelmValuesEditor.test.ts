import { applyHelmValuesOverrides } from './HelmValuesEditor';

const values = `# dev values
image:
  repository: ghcr.io/acme/storefront
  tag: "2.2.0-beta.3" # pinned by release
replicaCount: 1
ingress:
  enabled: true
`;

describe('applyHelmValuesOverrides', () => {
  it('sets image.tag, replicaCount and merges values key by key, keeping comments', () => {
    const out = applyHelmValuesOverrides(
      values,
      { imageTag: '3.0.0', replicas: 2, values: { ingress: { host: 'qa.example.com' }, debug: true } },
      'values/qa.yaml',
    );
    expect(out).toBe(
      `# dev values
image:
  repository: ghcr.io/acme/storefront
  tag: "3.0.0" # pinned by release
replicaCount: 2
ingress:
  enabled: true
  host: qa.example.com
debug: true
`,
    );
  });

  it('fills an empty values file', () => {
    expect(applyHelmValuesOverrides('', { replicas: 3 }, 'v.yaml')).toBe('replicaCount: 3\n');
  });

  it('refuses to set a key under something that is not a mapping', () => {
    expect(() =>
      applyHelmValuesOverrides('image: nginx\n', { imageTag: '1' }, 'v.yaml'),
    ).toThrow("v.yaml: cannot set 'image.tag' because 'image' is not a mapping there");
  });
});
