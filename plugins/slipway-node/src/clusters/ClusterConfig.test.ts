import { ConfigReader } from '@backstage/config';
import { readClusterConfig } from './ClusterConfig';

describe('readClusterConfig', () => {
  it('reads slipway.clusters, with embedded clusters standing in for in-cluster', () => {
    const clusters = readClusterConfig(
      new ConfigReader({
        slipway: {
          clusters: [
            { name: 'embedded', url: 'embedded' },
            { name: 'prod-eu', url: 'https://10.0.0.1:6443', token: 't', labels: { env: 'prod' } },
          ],
        },
      }),
    );
    expect(clusters).toEqual([
      { name: 'embedded', url: 'embedded', labels: {}, inCluster: true, skipTLSVerify: false, token: undefined, caData: undefined },
      { name: 'prod-eu', url: 'https://10.0.0.1:6443', labels: { env: 'prod' }, inCluster: false, skipTLSVerify: false, token: 't', caData: undefined },
    ]);
  });

  it("falls back to the Kubernetes plugin's config locator", () => {
    const clusters = readClusterConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                { name: 'dev', url: 'https://dev.example.com', authProvider: 'serviceAccount', serviceAccountToken: 'sa' },
              ],
            },
          ],
        },
      }),
    );
    expect(clusters.map(c => [c.name, c.token])).toEqual([['dev', 'sa']]);
  });

  it('refuses duplicate names and unsupported auth providers with the reason', () => {
    expect(() =>
      readClusterConfig(
        new ConfigReader({ slipway: { clusters: [{ name: 'a', url: 'embedded' }, { name: 'a', url: 'embedded' }] } }),
      ),
    ).toThrow("cluster name 'a' is configured twice");
    expect(() =>
      readClusterConfig(
        new ConfigReader({ slipway: { clusters: [{ name: 'gke', url: 'https://x', authProvider: 'google' }] } }),
      ),
    ).toThrow(/authProvider 'google' is not supported/);
  });
});
