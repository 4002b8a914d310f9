import {
  appOperatorsHealthChecks,
  datadogMetricHealth,
  jaegerHealth,
  zookeeperClusterHealth,
} from './AppOperatorsHealth';
import { kube } from '../testObjects';

describe('Datadog DatadogMetric health', () => {
  const metric = (conditions?: object[]) =>
    kube(
      'datadoghq.com/v1alpha1',
      'DatadogMetric',
      conditions ? { status: { conditions } } : {},
    );
  const healthy = { status: 'Healthy', message: 'DatadogMetric is healthy' };

  it('is Healthy unless a condition reports trouble', () => {
    expect(datadogMetricHealth(metric())).toEqual(healthy);
    expect(
      datadogMetricHealth(
        metric([
          { type: 'Valid', status: 'True' },
          { type: 'Error', status: 'False' },
        ]),
      ),
    ).toEqual(healthy);
  });

  it('is Degraded on an error, led by its reason', () => {
    expect(
      datadogMetricHealth(
        metric([
          { type: 'Valid', status: 'False', message: 'invalid' },
          {
            type: 'Error',
            status: 'True',
            reason: 'Unable to fetch data',
            message: 'no series',
          },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Unable to fetch data: no series',
    });
  });

  it('words an error without reason or message', () => {
    expect(
      datadogMetricHealth(metric([{ type: 'Error', status: 'True' }])),
    ).toEqual({
      status: 'Degraded',
      message: 'DatadogMetric reported an error',
    });
    expect(
      datadogMetricHealth(
        metric([{ type: 'Error', status: 'True', reason: 'Timeout' }]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Timeout: DatadogMetric reported an error',
    });
  });

  it('reports an error reason Lua cannot join as a failed check', () => {
    expect(
      datadogMetricHealth(
        metric([{ type: 'Error', status: 'True', reason: { code: 1 } }]),
      ).status,
    ).toBe('Unknown');
  });

  it('is Degraded when the query is not valid', () => {
    expect(
      datadogMetricHealth(
        metric([{ type: 'Valid', status: 'False', message: 'bad query' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad query' });
    expect(
      datadogMetricHealth(metric([{ type: 'Valid', status: 'False' }])),
    ).toEqual({ status: 'Degraded', message: 'DatadogMetric is not valid' });
  });
});

describe('Jaeger health', () => {
  const jaeger = (status?: object) =>
    kube('jaegertracing.io/v1', 'Jaeger', { status });

  it('follows the phase', () => {
    expect(jaegerHealth(jaeger({}))).toEqual({
      status: 'Progressing',
      message: 'Waiting for Jaeger',
    });
    expect(jaegerHealth(jaeger({ phase: 'Running' }))).toEqual({
      status: 'Healthy',
      message: 'Jaeger is Running',
    });
    expect(jaegerHealth(jaeger({ phase: 'Failed' }))).toEqual({
      status: 'Degraded',
      message: 'Jaeger Failed For Some Reason',
    });
  });
});

describe('ZookeeperCluster health', () => {
  const zk = (status?: object) =>
    kube('zookeeper.pravega.io/v1beta1', 'ZookeeperCluster', { status });
  const joined = {
    status: 'Healthy',
    message: 'All ZK Nodes have joined the ensemble',
  };
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for ZK Nodes to join the ensemble',
  };

  it('is Healthy when every replica is ready', () => {
    expect(
      zookeeperClusterHealth(zk({ readyReplicas: 3, replicas: 3 })),
    ).toEqual(joined);
  });

  it('waits while replicas are missing, or none is ready', () => {
    expect(zookeeperClusterHealth(zk())).toEqual(waiting);
    expect(
      zookeeperClusterHealth(zk({ readyReplicas: 1, replicas: 3 })),
    ).toEqual(waiting);
    expect(
      zookeeperClusterHealth(zk({ readyReplicas: 0, replicas: 0 })),
    ).toEqual(waiting);
  });

  it('counts a status without either count as Healthy, as Argo CD does', () => {
    expect(zookeeperClusterHealth(zk({}))).toEqual(joined);
  });
});

describe('appOperatorsHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(appOperatorsHealthChecks).sort()).toEqual([
      'datadoghq.com/DatadogMetric',
      'jaegertracing.io/Jaeger',
      'zookeeper.pravega.io/ZookeeperCluster',
    ]);
  });
});
