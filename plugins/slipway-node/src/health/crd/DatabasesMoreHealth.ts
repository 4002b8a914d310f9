import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaText } from './luaValues';

/** Before the operator writes any conditions. */
const NO_STATUS_INFO = 'No status info available';

/** A health whose message is kept only when it is text (Lua's nil is none). */
function health(status: HealthStatusCode, message: unknown): ResourceHealth {
  return typeof message === 'string' ? { status, message } : { status };
}

/**
 * The `status.conditions` entries, or undefined while the operator has not
 * written the list. An empty list is a list: the scripts then judge the
 * object with no condition to go on, which is not the same as no status.
 */
function conditionList(obj: KubeObject): Record<string, any>[] | undefined {
  const conditions = at(obj, 'status', 'conditions');
  return isNil(conditions) ? undefined : list(conditions).map(record);
}

/**
 * `"<reason> <message>"`, the message the backup and SQL job scripts build
 * for every condition they pass. Argo CD's script stops with a Lua error
 * when either part is missing, which Argo CD reports as Unknown.
 */
function reasonAndMessage(
  c: Record<string, any>,
  index: number,
): string | ResourceHealth {
  const reason = luaText(c.reason);
  const message = luaText(c.message);
  if (reason === undefined || message === undefined) {
    return {
      status: 'Unknown',
      message: `health check failed: condition ${
        index + 1
      } has no reason or message`,
    };
  }
  return `${reason} ${message}`;
}

/**
 * mariadb-operator `MariaDB` health (both the current `k8s.mariadb.com` API
 * and the older `mariadb.mmontes.io` one read alike). The first condition
 * that is False decides: reason `Failed` is Degraded, anything else is still
 * converging (Progressing); its message is quoted. With no False condition
 * the database is Healthy, quoting the last condition's message.
 * @public
 */
export function mariaDbHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionList(obj);
  if (!conditions) return { status: 'Progressing', message: NO_STATUS_INFO };
  for (const c of conditions) {
    if (c.status === 'False') {
      return health(
        c.reason === 'Failed' ? 'Degraded' : 'Progressing',
        c.message,
      );
    }
  }
  return health('Healthy', conditions[conditions.length - 1]?.message);
}

/**
 * mariadb-operator `Backup` health. The first False condition decides: a
 * scheduled backup whose run failed (reason `CronJobScheduled`, message
 * `Failed`) is Degraded, any other False condition Progressing. With none,
 * the backup is Healthy. The message is `"<reason> <message>"` of the
 * deciding (or last) condition.
 * @public
 */
export function mariaDbBackupHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionList(obj);
  if (!conditions) return { status: 'Progressing', message: NO_STATUS_INFO };
  let message: string | undefined;
  for (const [i, c] of conditions.entries()) {
    const text = reasonAndMessage(c, i);
    if (typeof text !== 'string') return text;
    message = text;
    if (c.status === 'False') {
      const failed = c.reason === 'CronJobScheduled' && c.message === 'Failed';
      return { status: failed ? 'Degraded' : 'Progressing', message };
    }
  }
  return health('Healthy', message);
}

/**
 * The shape of mariadb-operator's simple resources: the first `Ready`
 * condition decides, True Healthy and anything else Degraded, with its
 * message. Without one the resource is Progressing, quoting the last
 * condition seen (so possibly with no message at all).
 */
function readyConditionHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionList(obj);
  if (!conditions) return { status: 'Progressing', message: NO_STATUS_INFO };
  for (const c of conditions) {
    if (c.type === 'Ready') {
      return health(c.status === 'True' ? 'Healthy' : 'Degraded', c.message);
    }
  }
  if (conditions.length === 0) {
    return { status: 'Progressing', message: NO_STATUS_INFO };
  }
  return health('Progressing', conditions[conditions.length - 1].message);
}

/** mariadb-operator `Database` health from its `Ready` condition. @public */
export function mariaDbDatabaseHealth(obj: KubeObject): ResourceHealth {
  return readyConditionHealth(obj);
}

/** mariadb-operator `Grant` health from its `Ready` condition. @public */
export function mariaDbGrantHealth(obj: KubeObject): ResourceHealth {
  return readyConditionHealth(obj);
}

/** mariadb-operator `User` health from its `Ready` condition. @public */
export function mariaDbUserHealth(obj: KubeObject): ResourceHealth {
  return readyConditionHealth(obj);
}

/**
 * mariadb-operator `SqlJob` health. The job's conditions are read by
 * reason: the first True `JobComplete` is Healthy, the first True
 * `JobFailed` Degraded; until then it is Progressing. The message is
 * `"<reason> <message>"` of the deciding (or last) condition.
 * @public
 */
export function mariaDbSqlJobHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionList(obj) ?? [];
  let message = NO_STATUS_INFO;
  for (const [i, c] of conditions.entries()) {
    const text = reasonAndMessage(c, i);
    if (typeof text !== 'string') return text;
    message = text;
    if (c.status === 'True' && c.reason === 'JobComplete') {
      return { status: 'Healthy', message };
    }
    if (c.status === 'True' && c.reason === 'JobFailed') {
      return { status: 'Degraded', message };
    }
  }
  return { status: 'Progressing', message };
}

/** MinIO Tenant states the operator reports while it is still working. */
const TENANT_IN_FLIGHT_PREFIXES = ['Provisioning', 'Waiting', 'Updating'];

/** MinIO Tenant states that need someone to act. */
const TENANT_FAILED_STATES = [
  'Statefulset not controlled by operator',
  'Another MinIO Tenant already exists in the namespace',
  'Tenant credentials are not set properly',
  'Different versions across MinIO Pools',
  'Pool Decommissioning Not Allowed',
];

/**
 * MinIO `Tenant` health from the operator's free-text `status.currentState`,
 * which is always the message. `Initialized` is Healthy; a handful of known
 * failure texts are Degraded; every other state, known in-flight ones and
 * ones Argo CD has never seen alike, is Progressing.
 * @public
 */
export function minioTenantHealth(obj: KubeObject): ResourceHealth {
  const state = at(obj, 'status', 'currentState');
  if (isNil(state)) {
    return { status: 'Progressing', message: NO_STATUS_INFO };
  }
  if (typeof state !== 'string') {
    // Argo CD's script calls a string method on it and stops with an error.
    return {
      status: 'Unknown',
      message: 'health check failed: status.currentState is not text',
    };
  }
  if (state === 'Initialized') return { status: 'Healthy', message: state };
  if (
    TENANT_IN_FLIGHT_PREFIXES.some(prefix => state.startsWith(prefix)) ||
    state === 'Restarting MinIO'
  ) {
    return { status: 'Progressing', message: state };
  }
  if (TENANT_FAILED_STATES.includes(state)) {
    return { status: 'Degraded', message: state };
  }
  return { status: 'Progressing', message: state };
}

/**
 * Argo CD's bundled checks for mariadb-operator (`k8s.mariadb.com` and its
 * former group `mariadb.mmontes.io`) and the MinIO operator
 * (`minio.min.io`), keyed as its resource_customizations folders are named.
 * @public
 */
export const databasesMoreHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'k8s.mariadb.com/MariaDB': mariaDbHealth,
    'k8s.mariadb.com/Backup': mariaDbBackupHealth,
    'k8s.mariadb.com/Database': mariaDbDatabaseHealth,
    'k8s.mariadb.com/Grant': mariaDbGrantHealth,
    'k8s.mariadb.com/SqlJob': mariaDbSqlJobHealth,
    'k8s.mariadb.com/User': mariaDbUserHealth,
    'mariadb.mmontes.io/MariaDB': mariaDbHealth,
    'minio.min.io/Tenant': minioTenantHealth,
  };
