import { ClusterCapabilities, kubeVersionOf } from './ClusterCapabilities';
import type { ApiResourceInfo } from './ClusterClient';

const resource = (apiVersion: string, kind: string): ApiResourceInfo => ({
  group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
  version: apiVersion.split('/').pop()!,
  apiVersion,
  kind,
  plural: `${kind.toLowerCase()}s`,
  namespaced: true,
  verbs: ['get'],
  preferred: true,
});

describe('ClusterCapabilities', () => {
  it('writes the server version as vMAJOR.MINOR.PATCH, without build or vendor suffixes', () => {
    expect(kubeVersionOf({ gitVersion: 'v1.32.0' })).toBe('v1.32.0');
    expect(kubeVersionOf({ gitVersion: 'v1.30.4-eks-a737599' })).toBe(
      'v1.30.4',
    );
    expect(kubeVersionOf({ gitVersion: 'v1.31.2+k3s1' })).toBe('v1.31.2');
    expect(kubeVersionOf({ major: '1', minor: '29+' })).toBe('v1.29.0');
    expect(kubeVersionOf({})).toBeUndefined();
  });

  it('lists every served group/version and group/version/Kind, as Argo CD hands them to Helm, and reads them once per period', async () => {
    let now = 0;
    let reads = 0;
    const client = {
      serverVersion: async () => ({ gitVersion: 'v1.32.0-kube-sim' }),
      listResources: async () => {
        reads++;
        return {
          resources: [
            resource('v1', 'ConfigMap'),
            resource('monitoring.coreos.com/v1', 'ServiceMonitor'),
          ],
          unavailable: [],
        };
      },
    };
    const capabilities = new ClusterCapabilities(client, 60_000, () => now);
    expect(await capabilities.current()).toEqual({
      kubeVersion: 'v1.32.0',
      apiVersions: [
        'monitoring.coreos.com/v1',
        'monitoring.coreos.com/v1/ServiceMonitor',
        'v1',
        'v1/ConfigMap',
      ],
    });
    await capabilities.current();
    expect(reads).toBe(1);
    now = 60_000;
    await capabilities.current();
    expect(reads).toBe(2);
    capabilities.invalidate();
    await capabilities.current();
    expect(reads).toBe(3);
  });

  it('fails when the cluster cannot tell, and asks again next time', async () => {
    let calls = 0;
    const capabilities = new ClusterCapabilities({
      serverVersion: async () => {
        calls++;
        if (calls === 1) throw new Error('forbidden');
        return { gitVersion: 'v1.31.0' };
      },
      listResources: async () => ({ resources: [], unavailable: [] }),
    });
    await expect(capabilities.current()).rejects.toThrow(
      "cannot read the version and API versions of the destination cluster for Helm's .Capabilities: forbidden; check the cluster's connection and credentials",
    );
    expect(await capabilities.current()).toEqual({ kubeVersion: 'v1.31.0' });
  });
});
