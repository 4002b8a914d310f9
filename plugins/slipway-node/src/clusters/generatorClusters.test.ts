import { ConfigReader } from '@backstage/config';
import { expandApplicationSet } from '../applicationset';
import { readClusterConfig } from './ClusterConfig';
import { generatorClusters } from './generatorClusters';

const config = new ConfigReader({
  slipway: {
    clusters: [
      { name: 'embedded', url: 'embedded' },
      { name: 'prod-eu', url: 'https://10.0.0.1:6443', token: 'secret', labels: { env: 'prod' } },
    ],
  },
});

describe('generatorClusters', () => {
  it('gives the clusters generator names, servers and labels, never credentials', () => {
    const clusters = generatorClusters(readClusterConfig(config));
    expect(clusters).toEqual([
      { name: 'embedded', server: 'embedded', labels: {}, local: true },
      { name: 'prod-eu', server: 'https://10.0.0.1:6443', labels: { env: 'prod' } },
    ]);
    expect(JSON.stringify(clusters)).not.toContain('secret');
  });

  it('lets a clusters generator target the configured clusters', async () => {
    const clusters = generatorClusters(readClusterConfig(config));
    const { applications, errors } = await expandApplicationSet(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'guestbook' },
        spec: {
          generators: [{ clusters: {} }],
          template: {
            metadata: { name: '{{name}}-guestbook' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://example.com/apps.git', path: 'guestbook' },
              destination: { server: '{{server}}', namespace: 'guestbook' },
            },
          },
        },
      },
      { clusters },
    );
    expect(errors).toEqual([]);
    expect(applications.map(a => [a.metadata.name, (a.spec.destination as any).server])).toEqual([
      ['embedded-guestbook', 'embedded'],
      ['prod-eu-guestbook', 'https://10.0.0.1:6443'],
    ]);
  });

  it('selects by labels; the unlabelled in-cluster cluster has no Secret, so no selector matches it', async () => {
    const clusters = generatorClusters(readClusterConfig(config));
    const { applications } = await expandApplicationSet(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'guestbook' },
        spec: {
          generators: [{ clusters: { selector: { matchLabels: { env: 'prod' } } } }],
          template: {
            metadata: { name: '{{name}}-guestbook' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://example.com/apps.git', path: 'guestbook' },
              destination: { name: '{{name}}', namespace: 'guestbook' },
            },
          },
        },
      },
      { clusters },
    );
    expect(applications.map(a => a.metadata.name)).toEqual(['prod-eu-guestbook']);

    const notProd = await expandApplicationSet(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'guestbook' },
        spec: {
          generators: [
            { clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } } },
          ],
          template: {
            metadata: { name: '{{name}}-guestbook' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://example.com/apps.git', path: 'guestbook' },
              destination: { name: '{{name}}', namespace: 'guestbook' },
            },
          },
        },
      },
      { clusters },
    );
    expect(notProd.errors).toEqual([]);
    expect(notProd.applications).toEqual([]);
  });
});

describe('generatorClusters with a labelled in-cluster cluster', () => {
  it('treats its labels as those of a cluster Secret, so selectors match it', () => {
    const clusters = generatorClusters(
      readClusterConfig(
        new ConfigReader({ slipway: { clusters: [{ name: 'embedded', url: 'embedded', labels: { env: 'dev' } }] } }),
      ),
    );
    expect(clusters).toEqual([{ name: 'embedded', server: 'embedded', labels: { env: 'dev' } }]);
  });
});
