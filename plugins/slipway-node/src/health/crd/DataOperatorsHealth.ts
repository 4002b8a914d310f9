import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import {
  luaItems,
  luaOr,
  luaText,
  scriptFailure,
  withMessage,
} from './luaValues';

/**
 * Altinity `ClickHouseInstallation` health from the operator's
 * `status.status`: Completed is Healthy, InProgress Progressing, and any
 * other status Degraded, named in the message.
 * @public
 */
export function clickHouseInstallationHealth(obj: KubeObject): ResourceHealth {
  const state = at(obj, 'status', 'status');
  if (isNil(state)) {
    return {
      status: 'Progressing',
      message: 'ClickHouse status not yet available',
    };
  }
  if (state === 'Completed') {
    return {
      status: 'Healthy',
      message: 'ClickHouse installation completed successfully',
    };
  }
  if (state === 'InProgress') {
    return {
      status: 'Progressing',
      message: 'ClickHouse installation in progress',
    };
  }
  const text = luaText(state);
  // Argo CD's script fails joining a status that is not text into the message.
  if (text === undefined)
    return scriptFailure('the ClickHouse status is not text');
  return { status: 'Degraded', message: `ClickHouse status: ${text}` };
}

/** A timestamp's date and time fields, as Argo CD's script finds them. */
const TIMESTAMP = /(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)Z/;

/**
 * A condition's `lastTransitionTime` as seconds, for ordering conditions;
 * undefined when it cannot be read (it then never counts as the newest, as
 * its time falls before the epoch in Argo CD's script). Argo CD reads the
 * fields as the controller's local time; UTC orders them the same way.
 */
function transitionSeconds(timestamp: string): number | undefined {
  const m = TIMESTAMP.exec(timestamp);
  if (!m) return undefined;
  const [year, month, day, hour, min, sec] = m.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hour, min, sec) / 1000;
}

/** What the status of the newest datacenter condition means. */
const NEWEST_CONDITION_HEALTH: ReadonlyMap<unknown, HealthStatusCode> = new Map(
  [
    ['True', 'Progressing'],
    ['False', 'Degraded'],
  ] as const,
);

/**
 * DataStax `CassandraDatacenter` health from its most recent condition (by
 * `lastTransitionTime`; the first wins a tie). A newest condition of type
 * Healthy makes the datacenter Healthy, whatever its status; otherwise a
 * True condition is Progressing, a False one Degraded and any other status
 * Unknown, each naming the condition's type.
 * @public
 */
export function cassandraDatacenterHealth(obj: KubeObject): ResourceHealth {
  const raw = at(obj, 'status', 'conditions');
  if (isNil(raw)) return { status: 'Unknown', message: 'No conditions found' };
  // Argo CD leaves null items out of the Lua table it hands the script.
  const conditions = luaItems(raw).map(record);
  let newest: Record<string, any> | undefined;
  let newestSeconds = 0;
  for (const condition of conditions) {
    const timestamp = luaText(condition.lastTransitionTime);
    if (timestamp === undefined) {
      return scriptFailure('a condition has no lastTransitionTime');
    }
    const seconds = transitionSeconds(timestamp);
    if (seconds !== undefined && seconds > newestSeconds) {
      newestSeconds = seconds;
      newest = condition;
    }
  }
  // Argo CD's script fails reading the type of a condition it did not find.
  if (!newest) return scriptFailure('no condition has a transition time');
  if (newest.type === 'Healthy') return { status: 'Healthy' };
  const type = luaText(newest.type);
  if (type === undefined)
    return scriptFailure('the newest condition has no type');
  const status = NEWEST_CONDITION_HEALTH.get(newest.status) ?? 'Unknown';
  return { status, message: `Last transition type was ${type}` };
}

/**
 * Apache Druid operator `Druid` health from `status.druidNodeStatus`: a
 * ready cluster is Healthy; a node in error is Degraded, naming the pod;
 * any other False condition is Degraded too. The operator's reason is the
 * message where it gave one.
 * @public
 */
export function druidHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    return { status: 'Progressing', message: 'Waiting for Druid status' };
  }
  const node = at(status, 'druidNodeStatus');
  const type = at(node, 'druidNodeConditionType');
  const conditionStatus = at(node, 'druidNodeConditionStatus');
  const reason = at(node, 'reason');
  if (type === 'DruidClusterReady' && conditionStatus === 'True') {
    return withMessage('Healthy', luaOr(reason, 'Druid cluster is ready'));
  }
  if (type === 'DruidNodeErrorState') {
    const pod = luaText(luaOr(at(node, 'druidNode'), 'unknown'));
    const why = luaText(luaOr(reason, 'Pod is not ready'));
    // Argo CD's script fails joining a value that is not text.
    if (pod === undefined || why === undefined) {
      return scriptFailure('the Druid node status is not text');
    }
    return { status: 'Degraded', message: `Pod ${pod}: ${why}` };
  }
  if (conditionStatus === 'False') {
    return withMessage('Degraded', luaOr(reason, 'Druid cluster is not ready'));
  }
  return {
    status: 'Progressing',
    message: 'Druid cluster is being provisioned',
  };
}

/**
 * Health checks of data platform operators (ClickHouse, Cassandra, Druid),
 * keyed as Argo CD's `resource_customizations` folders are.
 * @public
 */
export const dataOperatorsHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'clickhouse.altinity.com/ClickHouseInstallation':
      clickHouseInstallationHealth,
    'cassandra.datastax.com/CassandraDatacenter': cassandraDatacenterHealth,
    'druid.apache.org/Druid': druidHealth,
  };
