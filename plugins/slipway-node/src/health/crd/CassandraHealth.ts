import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaEquals } from './luaValues';

/**
 * Rook Cassandra `Cluster` health from the racks the operator reports: the
 * cluster is Healthy once every rack that reports both counts has all its
 * members ready, and Progressing while any has not (or before racks are
 * reported at all).
 * @public
 */
export function cassandraClusterHealth(obj: KubeObject): ResourceHealth {
  const racks = at(obj, 'status', 'racks');
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for Cassandra Cluster',
  };
  if (isNil(racks)) return waiting;
  const all =
    racks !== null && typeof racks === 'object' ? Object.values(racks) : [];
  const lagging = all.map(record).some(
    rack =>
      !isNil(rack.members) &&
      !isNil(rack.readyMembers) &&
      // Lua's ~=: a count written as text never equals a number.
      !luaEquals(rack.members, rack.readyMembers),
  );
  return lagging ? waiting : { status: 'Healthy' };
}

/**
 * Argo CD's bundled check for Rook's Cassandra operator
 * (`cassandra.rook.io`), keyed as its resource_customizations folder is
 * named.
 * @public
 */
export const cassandraHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'cassandra.rook.io/Cluster': cassandraClusterHealth,
};
