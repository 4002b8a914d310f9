import {
  cephClusterHealth,
  cephObjectStoreHealth,
  rookCephHealthChecks,
} from './RookCephHealth';
import { kube } from '../testObjects';

const cluster = (status?: object) =>
  kube('ceph.rook.io/v1', 'CephCluster', { status });
const store = (status?: object) =>
  kube('ceph.rook.io/v1', 'CephObjectStore', { status });

describe('Rook CephCluster health', () => {
  it('is Progressing until Rook reports a status', () => {
    expect(cephClusterHealth(cluster())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status to be reported',
    });
  });

  it('is Progressing without a message when the status says nothing', () => {
    expect(cephClusterHealth(cluster({}))).toEqual({ status: 'Progressing' });
  });

  it('is Healthy when Ceph is OK and the cluster is created or connected', () => {
    expect(
      cephClusterHealth(
        cluster({
          ceph: { health: 'HEALTH_OK' },
          state: 'Created',
          message: 'Cluster created successfully',
        }),
      ),
    ).toEqual({
      status: 'Healthy',
      message:
        'Ceph health is HEALTH_OK - Ceph cluster state is Created - Cluster created successfully',
    });
    expect(
      cephClusterHealth(
        cluster({ ceph: { health: 'HEALTH_OK' }, state: 'Connected' }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Ceph health is HEALTH_OK - Ceph cluster state is Connected',
    });
  });

  it('lets the state hold back or degrade a cluster Ceph calls OK', () => {
    expect(
      cephClusterHealth(
        cluster({ ceph: { health: 'HEALTH_OK' }, state: 'Updating' }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Ceph health is HEALTH_OK - Ceph cluster state is Updating',
    });
    expect(
      cephClusterHealth(
        cluster({ ceph: { health: 'HEALTH_OK' }, state: 'Error', message: '' }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Ceph health is HEALTH_OK - Ceph cluster state is Error',
    });
  });

  it('is Degraded on a Ceph warning or error, listing details by check name', () => {
    expect(
      cephClusterHealth(
        cluster({
          ceph: {
            health: 'HEALTH_WARN',
            details: {
              POOL_DEGRADED: { message: '2 pools degraded' },
              MON_CLOCK: { severity: 'HEALTH_WARN' },
              OSD_DOWN: { message: '4 osds down' },
            },
          },
          state: 'Created',
          message: 'Cluster has warnings',
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'Ceph health is HEALTH_WARN (4 osds down; 2 pools degraded) - Cluster has warnings',
    });
    expect(
      cephClusterHealth(
        cluster({
          ceph: { health: 'HEALTH_ERR', details: {} },
          state: 'Error',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Ceph health is HEALTH_ERR' });
  });

  it('stays Progressing on a health word it does not know, ignoring the state', () => {
    expect(
      cephClusterHealth(
        cluster({ ceph: { health: 'HEALTH_UNKNOWN' }, state: 'Created' }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Ceph health is HEALTH_UNKNOWN',
    });
  });

  it('quotes only the operator message while Ceph has not reported', () => {
    expect(
      cephClusterHealth(
        cluster({ state: 'Creating', message: 'Cluster is being created' }),
      ),
    ).toEqual({ status: 'Progressing', message: 'Cluster is being created' });
  });

  it('fails as the script does on fields it cannot join into text', () => {
    expect(
      cephClusterHealth(cluster({ ceph: { health: { word: 'x' } } })).status,
    ).toBe('Unknown');
    expect(
      cephClusterHealth(
        cluster({ ceph: { health: 'HEALTH_OK', details: { A: 3 } } }),
      ).status,
    ).toBe('Unknown');
  });
});

describe('Rook CephObjectStore health', () => {
  it('is Progressing until Rook reports a status', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for status to be reported',
    };
    expect(cephObjectStoreHealth(store())).toEqual(waiting);
    expect(cephObjectStoreHealth(store({}))).toEqual(waiting);
  });

  it('is Healthy when Ready, naming the endpoint', () => {
    expect(
      cephObjectStoreHealth(
        store({ phase: 'Ready', info: { endpoint: 'http://rgw:80' } }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Ceph object store phase is Ready - endpoint: http://rgw:80',
    });
    expect(
      cephObjectStoreHealth(store({ phase: 'Ready', info: { endpoint: '' } })),
    ).toEqual({
      status: 'Healthy',
      message: 'Ceph object store phase is Ready',
    });
  });

  it('is Degraded on Failure and Progressing in any other phase', () => {
    expect(cephObjectStoreHealth(store({ phase: 'Failure' }))).toEqual({
      status: 'Degraded',
      message: 'Ceph object store phase is Failure',
    });
    expect(cephObjectStoreHealth(store({ phase: 'Pending' }))).toEqual({
      status: 'Progressing',
      message: 'Ceph object store phase is Pending',
    });
  });

  it('adds the endpoint even before a phase is reported', () => {
    expect(
      cephObjectStoreHealth(store({ info: { endpoint: 'http://rgw:80' } })),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for status to be reported - endpoint: http://rgw:80',
    });
  });
});

describe('rookCephHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(rookCephHealthChecks).sort()).toEqual([
      'ceph.rook.io/CephCluster',
      'ceph.rook.io/CephObjectStore',
    ]);
  });
});
