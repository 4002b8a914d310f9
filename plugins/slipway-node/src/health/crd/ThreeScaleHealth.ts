import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaText, scriptFailure, textOr } from './luaValues';

/*
 * Red Hat 3scale API Management: the operator's `APIManager` and the
 * capabilities kinds that mirror 3scale accounts, products and their parts.
 */

/**
 * What one condition type means once its status is True: a health word
 * and either a fixed message or, when the controller wrote none, a
 * fallback for the condition's own message.
 */
interface TrueConditionRule {
  status: HealthStatusCode;
  message?: string;
  fallback?: string;
}

type TrueConditionRules = Readonly<Record<string, TrueConditionRule>>;

/** `Ready` True: Healthy with a fixed "<kind> is ready". */
const ready = (kind: string): TrueConditionRules => ({
  Ready: { status: 'Healthy', message: `3scale ${kind} is ready` },
});

/** `Synced` True: Healthy with a fixed "<kind> is synced". */
const synced = (kind: string): TrueConditionRules => ({
  Synced: { status: 'Healthy', message: `3scale ${kind} is synced` },
});

/** `Invalid` True: the spec was rejected. */
const invalid = (kind: string): TrueConditionRules => ({
  Invalid: {
    status: 'Degraded',
    fallback: `3scale ${kind} configuration is invalid`,
  },
});

/** `Orphan` True: the spec points at resources that do not exist. */
const orphan = (kind: string): TrueConditionRules => ({
  Orphan: {
    status: 'Degraded',
    fallback: `3scale ${kind} references non-existing resources`,
  },
});

/** `Failed` True, with a kind-specific fallback message. */
const failed = (fallback: string): TrueConditionRules => ({
  Failed: { status: 'Degraded', fallback },
});

/**
 * The shape most capabilities kinds share: the first condition, in list
 * order, that is True and of a type the kind knows decides; conditions
 * that are False or Unknown are passed over, since the operator writes
 * every type and sets only the one that holds. Without one the kind is
 * still waiting for the operator.
 */
function firstTrueConditionHealth(
  obj: KubeObject,
  kind: string,
  rules: TrueConditionRules,
): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.status !== 'True' || typeof c.type !== 'string') continue;
    const rule = Object.hasOwn(rules, c.type) ? rules[c.type] : undefined;
    if (!rule) continue;
    return {
      status: rule.status,
      message: rule.message ?? textOr(c.message, rule.fallback ?? ''),
    };
  }
  return {
    status: 'Progressing',
    message: `Waiting for 3scale ${kind} status...`,
  };
}

/** True for a positive number, as 3scale ids are once an object exists there. */
const isAssignedId = (value: unknown): boolean =>
  typeof value === 'number' && value > 0;

/**
 * 3scale `APIManager` health. Its deployment lists say Healthy when every
 * deployment is ready and none is starting or stopped; otherwise the
 * `Available` condition decides: True is Healthy, and not available with
 * a reason is Degraded quoting the reason. Anything else is Progressing.
 * @public
 */
export function apiManagerHealth(obj: KubeObject): ResourceHealth {
  const available = {
    status: 'Healthy',
    message: '3scale APIManager is available',
  } as const;
  const deployments = at(obj, 'status', 'deployments');
  if (
    !isNil(deployments) &&
    !isNil(at(deployments, 'ready')) &&
    isNil(at(deployments, 'starting')) &&
    isNil(at(deployments, 'stopped'))
  ) {
    return available;
  }
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Available') continue;
    if (c.status === 'True') return available;
    if (!isNil(c.reason) && c.reason !== '') {
      const reason = luaText(c.reason);
      if (reason === undefined) {
        return scriptFailure('Available condition reason is not text');
      }
      return {
        status: 'Degraded',
        message: `3scale APIManager is degraded: ${reason}`,
      };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for 3scale APIManager status...',
  };
}

/** 3scale `ActiveDoc` health. @public */
export function activeDocHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'ActiveDoc', {
    ...ready('ActiveDoc'),
    ...invalid('ActiveDoc'),
    ...orphan('ActiveDoc'),
    ...failed('3scale ActiveDoc synchronization failed'),
  });
}

/**
 * 3scale `Application` health: a suspended application is Suspended; a
 * `Ready` True is Healthy; a `Ready` that is not True is Degraded unless
 * the application already has an id in 3scale (then it is still being
 * updated: Progressing).
 * @public
 */
export function threeScaleApplicationHealth(obj: KubeObject): ResourceHealth {
  if (at(obj, 'status', 'state') === 'suspended') {
    return { status: 'Suspended', message: '3scale Application is suspended' };
  }
  // Argo CD reads `adminId` here (the Tenant's field), which Applications do
  // not report, so in practice every Ready that is not True is Degraded.
  const hasId = isAssignedId(at(obj, 'status', 'adminId'));
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') {
      return { status: 'Healthy', message: '3scale Application is ready' };
    }
    if (!hasId) {
      return {
        status: 'Degraded',
        message: textOr(c.message, '3scale Application is not ready'),
      };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for 3scale Application status...',
  };
}

/** 3scale `ApplicationAuth` health. @public */
export function applicationAuthHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'ApplicationAuth', {
    ...ready('ApplicationAuth'),
    ...failed('3scale ApplicationAuth failed'),
  });
}

/** 3scale `Backend` health. @public */
export function backendHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'Backend', {
    ...synced('Backend'),
    ...invalid('Backend'),
    ...failed('3scale Backend synchronization failed'),
  });
}

/** 3scale `CustomPolicyDefinition` health. @public */
export function customPolicyDefinitionHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'CustomPolicyDefinition', {
    ...ready('CustomPolicyDefinition'),
    ...invalid('CustomPolicyDefinition'),
    ...failed('3scale CustomPolicyDefinition synchronization failed'),
  });
}

/**
 * 3scale `DeveloperAccount` health; an account waiting for an admin's
 * approval is Suspended.
 * @public
 */
export function developerAccountHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'DeveloperAccount', {
    ...ready('DeveloperAccount'),
    ...invalid('DeveloperAccount'),
    ...failed('3scale DeveloperAccount synchronization failed'),
    Waiting: {
      status: 'Suspended',
      fallback: '3scale DeveloperAccount is waiting for approval',
    },
  });
}

/**
 * 3scale `DeveloperUser` health; a user the operator reports suspended is
 * waiting for an admin's approval: Suspended, whatever its conditions say.
 * @public
 */
export function developerUserHealth(obj: KubeObject): ResourceHealth {
  if (at(obj, 'status', 'developerUserState') === 'suspended') {
    return {
      status: 'Suspended',
      message: '3scale Developer user is waiting for admin approval',
    };
  }
  return firstTrueConditionHealth(obj, 'DeveloperUser', {
    ...ready('DeveloperUser'),
    ...invalid('DeveloperUser'),
    ...orphan('DeveloperUser'),
    ...failed('3scale DeveloperUser synchronization failed'),
  });
}

/** 3scale `OpenAPI` health. @public */
export function openApiHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'OpenAPI', {
    ...ready('OpenAPI'),
    ...invalid('OpenAPI'),
    ...failed('3scale OpenAPI reconciliation failed'),
  });
}

/** 3scale `Product` health. @public */
export function productHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'Product', {
    ...synced('Product'),
    ...invalid('Product'),
    ...orphan('Product'),
    ...failed('3scale Product synchronization failed'),
  });
}

/**
 * 3scale `ProxyConfigPromote` health; a promotion under way is
 * Progressing with the operator's message.
 * @public
 */
export function proxyConfigPromoteHealth(obj: KubeObject): ResourceHealth {
  return firstTrueConditionHealth(obj, 'ProxyConfigPromote', {
    ...ready('ProxyConfigPromote'),
    'In-progress': {
      status: 'Progressing',
      fallback: '3scale ProxyConfigPromote is in progress',
    },
    // Argo CD's fallback text has this typo ("3cale"); kept so both agree.
    ...failed('3cale ProxyConfigPromote failed'),
  });
}

/**
 * 3scale `Tenant` health: Healthy only once `Ready` is True and the tenant
 * and its admin both have ids in 3scale; otherwise the first `Ready` that
 * is not True makes it Degraded; without either it is Progressing (so a
 * Ready tenant still missing an id waits).
 * @public
 */
export function tenantHealth(obj: KubeObject): ResourceHealth {
  const conditions = rawConditionsOf(obj);
  const isReady = conditions.some(
    c => c.type === 'Ready' && c.status === 'True',
  );
  if (
    isReady &&
    isAssignedId(at(obj, 'status', 'tenantId')) &&
    isAssignedId(at(obj, 'status', 'adminId'))
  ) {
    return { status: 'Healthy', message: '3scale Tenant is ready' };
  }
  const notReady = conditions.find(
    c => c.type === 'Ready' && c.status !== 'True',
  );
  if (notReady) {
    return {
      status: 'Degraded',
      message: textOr(notReady.message, '3scale Tenant is degraded'),
    };
  }
  return {
    status: 'Progressing',
    message: 'Waiting for 3scale Tenant status...',
  };
}

/**
 * Health checks of 3scale's kinds, keyed `group/Kind` as Argo CD's
 * resource_customizations folders are.
 * @public
 */
export const threeScaleHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'apps.3scale.net/APIManager': apiManagerHealth,
  'capabilities.3scale.net/ActiveDoc': activeDocHealth,
  'capabilities.3scale.net/Application': threeScaleApplicationHealth,
  'capabilities.3scale.net/ApplicationAuth': applicationAuthHealth,
  'capabilities.3scale.net/Backend': backendHealth,
  'capabilities.3scale.net/CustomPolicyDefinition':
    customPolicyDefinitionHealth,
  'capabilities.3scale.net/DeveloperAccount': developerAccountHealth,
  'capabilities.3scale.net/DeveloperUser': developerUserHealth,
  'capabilities.3scale.net/OpenAPI': openApiHealth,
  'capabilities.3scale.net/Product': productHealth,
  'capabilities.3scale.net/ProxyConfigPromote': proxyConfigPromoteHealth,
  'capabilities.3scale.net/Tenant': tenantHealth,
};
