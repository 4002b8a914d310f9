import {
  cassandraDatacenterHealth,
  clickHouseInstallationHealth,
  dataOperatorsHealthChecks,
  druidHealth,
} from './DataOperatorsHealth';
import { kube } from '../testObjects';

describe('ClickHouseInstallation health', () => {
  const chi = (status?: unknown) =>
    kube(
      'clickhouse.altinity.com/v1',
      'ClickHouseInstallation',
      status === undefined ? {} : { status: { status } },
    );

  it('follows the operator status', () => {
    expect(clickHouseInstallationHealth(chi())).toEqual({
      status: 'Progressing',
      message: 'ClickHouse status not yet available',
    });
    expect(clickHouseInstallationHealth(chi('Completed'))).toEqual({
      status: 'Healthy',
      message: 'ClickHouse installation completed successfully',
    });
    expect(clickHouseInstallationHealth(chi('InProgress'))).toEqual({
      status: 'Progressing',
      message: 'ClickHouse installation in progress',
    });
    expect(clickHouseInstallationHealth(chi('Failed'))).toEqual({
      status: 'Degraded',
      message: 'ClickHouse status: Failed',
    });
  });

  it('is Unknown for a status that is not text, as the script fails', () => {
    expect(clickHouseInstallationHealth(chi(true)).status).toBe('Unknown');
  });
});

describe('CassandraDatacenter health', () => {
  const dc = (conditions?: object[]) =>
    kube(
      'cassandra.datastax.com/v1beta1',
      'CassandraDatacenter',
      conditions ? { status: { conditions } } : {},
    );
  const at = (type: string, status: string, lastTransitionTime: string) => ({
    type,
    status,
    lastTransitionTime,
  });

  it('is Unknown without conditions', () => {
    expect(cassandraDatacenterHealth(dc())).toEqual({
      status: 'Unknown',
      message: 'No conditions found',
    });
  });

  it('is Healthy when the newest condition is of type Healthy', () => {
    expect(
      cassandraDatacenterHealth(
        dc([
          at('Initialized', 'True', '2024-01-01T00:00:00Z'),
          at('Healthy', 'False', '2024-02-01T00:00:00Z'),
        ]),
      ),
    ).toEqual({ status: 'Healthy' });
  });

  it('otherwise reads the status of the newest condition', () => {
    const newest = (status: string) =>
      cassandraDatacenterHealth(
        dc([
          at('Healthy', 'True', '2024-01-01T00:00:00Z'),
          at('Updating', status, '2024-03-01T10:00:00Z'),
          at('Ready', 'True', 'not a timestamp'),
        ]),
      );
    const message = 'Last transition type was Updating';
    expect(newest('True')).toEqual({ status: 'Progressing', message });
    expect(newest('False')).toEqual({ status: 'Degraded', message });
    expect(newest('Unknown')).toEqual({ status: 'Unknown', message });
  });

  it('lets the first of equally recent conditions win', () => {
    expect(
      cassandraDatacenterHealth(
        dc([
          at('Initialized', 'True', '2024-03-01T10:00:00Z'),
          at('Healthy', 'True', '2024-03-01T10:00:00Z'),
        ]),
      ).message,
    ).toBe('Last transition type was Initialized');
  });

  it('leaves null conditions out, as Argo CD does when it builds the Lua table', () => {
    expect(
      cassandraDatacenterHealth(
        dc([null, at('Ready', 'True', '2024-03-01T10:00:00Z')] as object[]),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Last transition type was Ready',
    });
  });

  it('is Unknown where the script fails: no readable time to go by', () => {
    expect(cassandraDatacenterHealth(dc([])).status).toBe('Unknown');
    expect(
      cassandraDatacenterHealth(dc([{ type: 'Healthy', status: 'True' }]))
        .status,
    ).toBe('Unknown');
  });
});

describe('Druid health', () => {
  const druid = (druidNodeStatus?: Record<string, unknown>) =>
    kube(
      'druid.apache.org/v1alpha1',
      'Druid',
      druidNodeStatus ? { status: { druidNodeStatus } } : {},
    );

  it('waits for a status', () => {
    expect(druidHealth(druid())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Druid status',
    });
    expect(
      druidHealth(druid({ druidNodeConditionType: 'DruidClusterReady' })),
    ).toEqual({
      status: 'Progressing',
      message: 'Druid cluster is being provisioned',
    });
  });

  it('is Healthy when the cluster is ready', () => {
    const ready = { druidNodeConditionType: 'DruidClusterReady' };
    expect(
      druidHealth(
        druid({
          ...ready,
          druidNodeConditionStatus: 'True',
          reason: 'All ready',
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'All ready' });
    expect(
      druidHealth(druid({ ...ready, druidNodeConditionStatus: 'True' })),
    ).toEqual({ status: 'Healthy', message: 'Druid cluster is ready' });
  });

  it('is Degraded for a node in error, naming the pod', () => {
    const error = { druidNodeConditionType: 'DruidNodeErrorState' };
    expect(
      druidHealth(
        druid({
          ...error,
          druidNodeConditionStatus: 'False',
          druidNode: 'historicals-0',
          reason: 'ContainersNotReady',
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Pod historicals-0: ContainersNotReady',
    });
    expect(druidHealth(druid(error))).toEqual({
      status: 'Degraded',
      message: 'Pod unknown: Pod is not ready',
    });
  });

  it('is Degraded for any other false condition', () => {
    expect(
      druidHealth(
        druid({
          druidNodeConditionType: 'DruidClusterReady',
          druidNodeConditionStatus: 'False',
          reason: 'Some pods are not ready',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Some pods are not ready' });
    expect(druidHealth(druid({ druidNodeConditionStatus: 'False' }))).toEqual({
      status: 'Degraded',
      message: 'Druid cluster is not ready',
    });
  });

  it('registers every kind under its Argo CD folder name', () => {
    expect(Object.keys(dataOperatorsHealthChecks).sort()).toEqual([
      'cassandra.datastax.com/CassandraDatacenter',
      'clickhouse.altinity.com/ClickHouseInstallation',
      'druid.apache.org/Druid',
    ]);
  });
});
