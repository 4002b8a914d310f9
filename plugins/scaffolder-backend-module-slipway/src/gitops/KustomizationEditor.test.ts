import { applyKustomizeOverrides } from './KustomizationEditor';

const overlay = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
# the staging overlay
resources:
  - ../../base
images:
  - name: ghcr.io/acme/payments # the service image
    newTag: 1.4.0
replicas:
  - name: payments
    count: 2
`;

describe('applyKustomizeOverrides', () => {
  it('sets the image tag and replica count and keeps comments and order', () => {
    const out = applyKustomizeOverrides(overlay, { imageTag: '2.0.0', replicas: 5 }, 'k.yaml');
    expect(out).toBe(
      overlay.replace('newTag: 1.4.0', 'newTag: 2.0.0').replace('count: 2', 'count: 5'),
    );
  });

  it('adds images and replicas entries when the overlay has none and names are given', () => {
    const out = applyKustomizeOverrides(
      'resources:\n  - ../../base\n',
      { imageTag: '2.0.0', image: 'ghcr.io/acme/payments', replicas: 3, workload: 'payments' },
      'k.yaml',
    );
    expect(out).toBe(
      'resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/payments\n    newTag: 2.0.0\n' +
        'replicas:\n  - name: payments\n    count: 3\n',
    );
  });

  it('asks for the image name when it cannot tell which entry gets the tag', () => {
    const two = overlay.replace('images:\n', 'images:\n  - name: busybox\n    newTag: "1"\n');
    expect(() => applyKustomizeOverrides(two, { imageTag: '2.0.0' }, 'k.yaml')).toThrow(
      "k.yaml has several 'images' entries (busybox, ghcr.io/acme/payments); give the image name (input 'image')",
    );
    expect(() => applyKustomizeOverrides('resources: []\n', { replicas: 1 }, 'k.yaml')).toThrow(
      "k.yaml has no 'replicas' entry to change; give the Deployment or StatefulSet name (input 'workload')",
    );
  });
});
