import { mockServices } from '@backstage/backend-test-utils';
import { ClusterRegistry } from './ClusterRegistry';

describe('ClusterRegistry', () => {
  const stopped: string[] = [];
  const startEmbedded = async () => ({
    url: 'http://127.0.0.1:1234',
    token: 'sim-token',
    stop: async () => {
      stopped.push('sim');
    },
  });

  it('resolves destinations by name, by server, and the in-cluster address', async () => {
    const registry = await ClusterRegistry.create({
      logger: mockServices.logger.mock(),
      startEmbedded,
      clusters: [
        { name: 'embedded', url: 'embedded', labels: {}, inCluster: true },
        { name: 'prod', url: 'https://prod.example.com:6443/', token: 'p', labels: { env: 'prod' }, inCluster: false },
      ],
    });
    expect(registry.resolve({ name: 'prod' })?.name).toBe('prod');
    expect(registry.resolve({ server: 'https://prod.example.com:6443' })?.name).toBe('prod');
    expect(registry.resolve({ server: 'https://kubernetes.default.svc' })?.name).toBe('embedded');
    expect(registry.resolve({ name: 'nowhere' })).toBeUndefined();
    expect(registry.resolve({ server: 'https://elsewhere' })).toBeUndefined();
    const embedded = registry.resolve({ name: 'embedded' })!;
    expect(embedded.server).toBe('http://127.0.0.1:1234');
    expect(embedded.kubeConfig.getCurrentUser()?.token).toBe('sim-token');
    // the Kubernetes client refuses plain HTTP unless told to skip TLS verification
    await expect(embedded.kubeConfig.applyToHTTPSOptions({})).resolves.toBeUndefined();
    await registry.stop();
    expect(stopped).toEqual(['sim']);
  });
});
