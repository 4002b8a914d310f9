import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import { condition, rest, Rest } from '../__testUtils__/rest';

const AGGREGATED_V2 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** An APIService as metrics-server registers its API. */
function metricsApiService(overrides: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      service: { namespace: 'kube-system', name: 'metrics-server', port: 443 },
      groupPriorityMinimum: 100,
      versionPriority: 100,
      insecureSkipTLSVerify: true,
      ...overrides,
    },
  };
}

/**
 * APIServices after kube-aggregator: an aggregated group version is listed
 * by discovery and proxied to its Service; kube-sim runs no backends, so it
 * answers as an aggregated API whose backend is down does.
 */
describe('APIService', () => {
  let sim: KubeSim;
  let api: Rest;

  beforeEach(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterEach(() => sim.stop());

  /** The APIService's Available condition, once `ready` holds for it. */
  const availableOnce = (name: string, ready: (available: any) => boolean) =>
    eventually(async () => {
      const apiService = (
        await api.get(`/apis/apiregistration.k8s.io/v1/apiservices/${name}`)
      ).body;
      const available = condition(apiService, 'Available');
      return available && ready(available) ? available : undefined;
    });

  it('lists an aggregated group version in discovery, answers it with 503, and reports it not Available', async () => {
    expect(
      (
        await api.post(
          '/apis/apiregistration.k8s.io/v1/apiservices',
          metricsApiService(),
        )
      ).status,
    ).toBe(201);

    const groups = (await api.get('/apis')).body.groups;
    expect(groups.find((g: any) => g.name === 'metrics.k8s.io')).toEqual({
      name: 'metrics.k8s.io',
      versions: [
        { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
      ],
      preferredVersion: {
        groupVersion: 'metrics.k8s.io/v1beta1',
        version: 'v1beta1',
      },
    });
    const aggregated = (await api.get('/apis', { accept: AGGREGATED_V2 })).body;
    expect(
      aggregated.items.find((i: any) => i.metadata.name === 'metrics.k8s.io')
        .versions,
    ).toEqual([{ version: 'v1beta1', resources: [], freshness: 'Stale' }]);

    for (const path of [
      '/apis/metrics.k8s.io/v1beta1',
      '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods',
    ]) {
      const res = await api.get(path);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        kind: 'Status',
        reason: 'ServiceUnavailable',
        message: 'the server is currently unable to handle the request',
      });
    }

    const notFound = await availableOnce(
      'v1beta1.metrics.k8s.io',
      c => c.reason === 'ServiceNotFound',
    );
    expect(notFound).toMatchObject({
      status: 'False',
      message: 'service/metrics-server in "kube-system" is not present',
    });

    // the Service appears: still no backend answers
    await api.post('/api/v1/namespaces/kube-system/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: 'kube-system' },
      spec: { ports: [{ port: 443 }] },
    });
    await availableOnce(
      'v1beta1.metrics.k8s.io',
      c => c.reason === 'FailedDiscoveryCheck',
    );
  });

  it('drops the group version from discovery when its APIService is deleted', async () => {
    await api.post(
      '/apis/apiregistration.k8s.io/v1/apiservices',
      metricsApiService(),
    );
    expect(
      (
        await api.call(
          'DELETE',
          '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
        )
      ).status,
    ).toBe(200);
    expect(
      (await api.get('/apis')).body.groups.some(
        (g: any) => g.name === 'metrics.k8s.io',
      ),
    ).toBe(false);
    expect((await api.get('/apis/metrics.k8s.io/v1beta1')).status).toBe(404);
  });

  it('keeps a local APIService Available and out of the aggregated group versions', async () => {
    const local = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1.apps' },
      spec: {
        group: 'apps',
        version: 'v1',
        groupPriorityMinimum: 17800,
        versionPriority: 15,
      },
    };
    expect(
      (await api.post('/apis/apiregistration.k8s.io/v1/apiservices', local))
        .status,
    ).toBe(201);
    expect(
      await availableOnce('v1.apps', c => c.status === 'True'),
    ).toMatchObject({
      reason: 'Local',
      message: 'Local APIServices are always available',
    });
    expect((await api.get('/apis/apps/v1')).status).toBe(200);
  });

  it('refuses an APIService whose name is not version.group or whose priorities are not positive', async () => {
    const res = await api.post(
      '/apis/apiregistration.k8s.io/v1/apiservices',
      metricsApiService({ groupPriorityMinimum: 0, version: 'v1' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'APIService.apiregistration.k8s.io "v1beta1.metrics.k8s.io" is invalid: ' +
        'metadata.name: Invalid value: "v1beta1.metrics.k8s.io": must be `spec.version+"."+spec.group`: "v1.metrics.k8s.io", ' +
        'spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000',
    );
  });
});
