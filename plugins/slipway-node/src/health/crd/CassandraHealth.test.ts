import {
  cassandraClusterHealth,
  cassandraHealthChecks,
} from './CassandraHealth';
import { kube } from '../testObjects';

const cluster = (status?: object) =>
  kube('cassandra.rook.io/v1alpha1', 'Cluster', status ? { status } : {});
const waiting = {
  status: 'Progressing',
  message: 'Waiting for Cassandra Cluster',
};

describe('Rook Cassandra Cluster health', () => {
  it('waits until racks are reported', () => {
    expect(cassandraClusterHealth(cluster())).toEqual(waiting);
    expect(cassandraClusterHealth(cluster({}))).toEqual(waiting);
  });

  it('is Healthy, without a message, when every rack has all members ready', () => {
    expect(
      cassandraClusterHealth(
        cluster({
          racks: {
            a: { members: 3, readyMembers: 3 },
            b: { members: 2, readyMembers: 2 },
          },
        }),
      ),
    ).toEqual({ status: 'Healthy' });
  });

  it('is Progressing while a rack has members not ready', () => {
    expect(
      cassandraClusterHealth(
        cluster({
          racks: {
            a: { members: 3, readyMembers: 3 },
            b: { members: 3, readyMembers: 1 },
          },
        }),
      ),
    ).toEqual(waiting);
  });

  it('ignores racks that do not report both counts', () => {
    expect(
      cassandraClusterHealth(cluster({ racks: { a: { members: 3 } } })),
    ).toEqual({ status: 'Healthy' });
  });

  it('compares counts as Lua does: text never equals a number', () => {
    expect(
      cassandraClusterHealth(
        cluster({ racks: { a: { members: '3', readyMembers: 3 } } }),
      ),
    ).toEqual(waiting);
  });

  it('is keyed by the Argo CD folder name', () => {
    expect(Object.keys(cassandraHealthChecks)).toEqual([
      'cassandra.rook.io/Cluster',
    ]);
  });
});
