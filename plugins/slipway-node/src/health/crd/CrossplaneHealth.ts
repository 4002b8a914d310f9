import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaText } from './luaValues';

/** How one family of Crossplane groups reads its objects. */
interface CrossplaneRule {
  /**
   * Kinds that never get conditions (configuration and usage records): they
   * are Healthy as soon as they exist, where any other kind waits.
   */
  withoutConditions: readonly string[];
  /** Condition types whose True status means the object is up to date. */
  healthyTypes: readonly string[];
  /**
   * Whether the first healthy condition ends the scan. When it does not, a
   * later failing `Synced` or `LastAsyncOperation` still makes the object
   * Degraded.
   */
  healthyEndsScan: boolean;
}

const PROVISIONING: ResourceHealth = {
  status: 'Progressing',
  message: 'Provisioning ...',
};

/** Lua's `next(t) == nil`: absent, or a table with nothing in it. */
function isEmptyTable(value: unknown): boolean {
  if (isNil(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * The health Argo CD gives Crossplane objects (managed resources, claims,
 * composites, package objects and their configuration kinds). Without
 * conditions, only the kinds that never get any are Healthy ("Resource is in
 * use." when `status.users` is set); anything else is still provisioning. A
 * False `Synced` or `LastAsyncOperation` is Degraded with its message; a True
 * healthy condition is Healthy.
 */
function crossplaneHealth(
  obj: KubeObject,
  rule: CrossplaneRule,
): ResourceHealth {
  const status = at(obj, 'status');
  const rawConditions = at(status, 'conditions');
  if (isEmptyTable(rawConditions)) {
    if (!rule.withoutConditions.includes(obj.kind)) return { ...PROVISIONING };
    return {
      status: 'Healthy',
      message: isNil(at(status, 'users'))
        ? 'Resource is up-to-date.'
        : 'Resource is in use.',
    };
  }
  let health: ResourceHealth = { ...PROVISIONING };
  for (const c of list(rawConditions).map(record)) {
    if (
      (c.type === 'LastAsyncOperation' || c.type === 'Synced') &&
      c.status === 'False'
    ) {
      return {
        status: 'Degraded',
        message: typeof c.message === 'string' ? c.message : '',
      };
    }
    if (rule.healthyTypes.includes(c.type) && c.status === 'True') {
      health = { status: 'Healthy', message: 'Resource is up-to-date.' };
      if (rule.healthyEndsScan) return health;
    }
  }
  return health;
}

/**
 * Crossplane core objects (`*.crossplane.io`, Argo CD's `_.crossplane.io/_`):
 * Ready for managed resources, claims and composites, Healthy and
 * RevisionHealthy for packages and revisions, Offered and Established for
 * definitions, ValidPipeline for compositions. Compositions, runtime
 * configurations, EnvironmentConfig, ImageConfig and the provider
 * configuration kinds never get conditions.
 * @public
 */
export function crossplaneObjectHealth(obj: KubeObject): ResourceHealth {
  return crossplaneHealth(obj, {
    withoutConditions: [
      'Composition',
      'CompositionRevision',
      'DeploymentRuntimeConfig',
      'ControllerConfig',
      'EnvironmentConfig',
      'ImageConfig',
      'ProviderConfig',
      'ProviderConfigUsage',
      'ClusterProviderConfig',
      'ClusterProviderConfigUsage',
      'StoreConfig',
    ],
    healthyTypes: [
      'Ready',
      'Healthy',
      'Offered',
      'Established',
      'ValidPipeline',
      'RevisionHealthy',
    ],
    healthyEndsScan: true,
  });
}

/**
 * Upbound provider objects (`*.upbound.io`, Argo CD's `_.upbound.io/_`):
 * managed resources follow `Ready`, but a failing `Synced` or
 * `LastAsyncOperation` anywhere in the list makes them Degraded even when
 * Ready; the provider configuration kinds never get conditions.
 * @public
 */
export function upboundObjectHealth(obj: KubeObject): ResourceHealth {
  return crossplaneHealth(obj, {
    withoutConditions: [
      'ProviderConfig',
      'ProviderConfigUsage',
      'StoreConfig',
      'ClusterProviderConfig',
      'ClusterProviderConfigUsage',
    ],
    healthyTypes: ['Ready'],
    healthyEndsScan: false,
  });
}

/**
 * Crossplane `Provider` (`pkg.crossplane.io`) health: Healthy when both the
 * `Installed` and `Healthy` conditions are True, else Degraded; the message
 * is the two reasons, as "ActivePackageRevision HealthyPackageRevision".
 * Without conditions the provider is still being installed.
 * @public
 */
export function crossplaneProviderHealth(obj: KubeObject): ResourceHealth {
  const conditions = at(obj, 'status', 'conditions');
  if (isNil(conditions)) {
    return {
      status: 'Progressing',
      message: 'Waiting for provider to be installed',
    };
  }
  // The last condition of each type wins, as in Argo CD's loop.
  let installed = false;
  let healthy = false;
  let installedReason: string | undefined;
  let healthyReason: string | undefined;
  for (const c of list(conditions).map(record)) {
    if (c.type === 'Installed') {
      installed = c.status === 'True';
      installedReason = luaText(c.reason);
    } else if (c.type === 'Healthy') {
      healthy = c.status === 'True';
      healthyReason = luaText(c.reason);
    }
  }
  if (installedReason === undefined || healthyReason === undefined) {
    // Argo CD's script fails joining a missing reason: Unknown.
    return {
      status: 'Unknown',
      message:
        'health check failed: the Installed or Healthy condition has no reason',
    };
  }
  return {
    status: installed && healthy ? 'Healthy' : 'Degraded',
    message: `${installedReason} ${healthyReason}`,
  };
}

/**
 * Argo CD's bundled Crossplane health checks, keyed as its
 * resource_customizations folders are named. `pkg.crossplane.io/Provider`
 * is an exact folder and wins over the `_.crossplane.io/_` wildcard.
 * @public
 */
export const crossplaneHealthChecks: Readonly<Record<string, HealthCheck>> = {
  '_.crossplane.io/_': crossplaneObjectHealth,
  '_.upbound.io/_': upboundObjectHealth,
  'pkg.crossplane.io/Provider': crossplaneProviderHealth,
};
