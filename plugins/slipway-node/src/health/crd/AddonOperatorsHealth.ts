import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, luaText, withMessage } from './luaValues';

/*
 * Smaller operators that run beside applications: the Capsule SOPS addon,
 * Argo CD Image Updater, the Vertical Pod Autoscaler, Camel K and Apigee
 * hybrid. Each follows Argo CD's bundled check for the kind.
 */

/**
 * True when the controller has not yet looked at the latest spec: both
 * generations are set and differ. A missing generation on either side says
 * nothing, so it does not hold the object back.
 */
function specChangeUnobserved(obj: KubeObject): boolean {
  const generation = at(obj, 'metadata', 'generation');
  const observed = at(obj, 'status', 'observedGeneration');
  return (
    !isNil(generation) && !isNil(observed) && !luaEquals(generation, observed)
  );
}

/** True while the controller has written no `status.conditions` at all. */
function conditionsMissing(obj: KubeObject): boolean {
  return isNil(at(obj, 'status', 'conditions'));
}

/** The first condition of a type with status True, or undefined. */
function firstTrue(
  obj: KubeObject,
  type: string,
): Record<string, any> | undefined {
  return rawConditionsOf(obj).find(c => c.type === type && c.status === 'True');
}

/**
 * Capsule SOPS addon health (`SopsSecret`, `GlobalSopsSecret`,
 * `SopsProvider` share it): until the controller writes conditions or
 * catches up with the spec the object is Progressing; then the first
 * `Ready` condition decides: True Healthy, False Degraded, Unknown
 * Progressing (decryption or replication still running), each with the
 * condition's message.
 */
function sopsAddonHealth(obj: KubeObject): ResourceHealth {
  if (conditionsMissing(obj)) {
    return { status: 'Progressing', message: 'Waiting for status' };
  }
  if (specChangeUnobserved(obj)) {
    return {
      status: 'Progressing',
      message: 'Waiting for reconciliation (generation mismatch)',
    };
  }
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') return withMessage('Healthy', c.message);
    if (c.status === 'False') return withMessage('Degraded', c.message);
    if (c.status === 'Unknown') return withMessage('Progressing', c.message);
  }
  return { status: 'Progressing', message: 'Waiting for Ready condition' };
}

/** Capsule SOPS addon `SopsSecret` health. @public */
export function sopsSecretHealth(obj: KubeObject): ResourceHealth {
  return sopsAddonHealth(obj);
}

/** Capsule SOPS addon `GlobalSopsSecret` health. @public */
export function globalSopsSecretHealth(obj: KubeObject): ResourceHealth {
  return sopsAddonHealth(obj);
}

/** Capsule SOPS addon `SopsProvider` health. @public */
export function sopsProviderHealth(obj: KubeObject): ResourceHealth {
  return sopsAddonHealth(obj);
}

/**
 * Argo CD Image Updater `ImageUpdater` health. Conditions are read by
 * priority rather than order: an `Error` wins over a reconcile in flight,
 * which wins over `Ready`; a spec change the controller has not yet seen
 * keeps it Progressing.
 * @public
 */
export function imageUpdaterHealth(obj: KubeObject): ResourceHealth {
  if (conditionsMissing(obj)) {
    return {
      status: 'Progressing',
      message: 'Waiting for ImageUpdater to be reconciled',
    };
  }
  if (specChangeUnobserved(obj)) {
    return {
      status: 'Progressing',
      message: 'Waiting for ImageUpdater spec update to be observed',
    };
  }
  const error = firstTrue(obj, 'Error');
  if (error) return withMessage('Degraded', error.message);
  const reconciling = firstTrue(obj, 'Reconciling');
  if (reconciling) return withMessage('Progressing', reconciling.message);
  const ready = rawConditionsOf(obj).find(
    c => c.type === 'Ready' && (c.status === 'True' || c.status === 'False'),
  );
  if (ready) {
    return withMessage(
      ready.status === 'True' ? 'Healthy' : 'Degraded',
      ready.message,
    );
  }
  return {
    status: 'Progressing',
    message: 'Waiting for ImageUpdater to report a Ready condition',
  };
}

/**
 * Vertical Pod Autoscaler health: a selector matching no pods is Degraded
 * (quoting the condition, else its reason), whatever else is reported; a
 * recommendation makes it Healthy; before that the recommender is still
 * working: Progressing.
 * @public
 */
export function verticalPodAutoscalerHealth(obj: KubeObject): ResourceHealth {
  const noPods = firstTrue(obj, 'NoPodsMatched');
  if (noPods) {
    return {
      status: 'Degraded',
      message:
        luaText(noPods.message) ??
        luaText(noPods.reason) ??
        'No pods match the VPA selector',
    };
  }
  if (firstTrue(obj, 'RecommendationProvided')) {
    return { status: 'Healthy', message: 'VPA recommendation provided' };
  }
  return { status: 'Progressing', message: 'Waiting for VPA recommendation' };
}

/**
 * Camel K `Integration` health from its first decided `Ready` condition
 * (False Degraded, True Healthy, with the condition's message); until then
 * the integration is still being built or deployed.
 * @public
 */
export function camelIntegrationHealth(obj: KubeObject): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'False') return withMessage('Degraded', c.message);
    if (c.status === 'True') return withMessage('Healthy', c.message);
  }
  return { status: 'Progressing', message: 'Waiting for Integration' };
}

/**
 * Apigee hybrid components report only a `status.state`: `running` means
 * the install is done; anything else is still pending.
 */
function apigeeInstallHealth(
  obj: KubeObject,
  component: string,
): ResourceHealth {
  if (at(obj, 'status', 'state') === 'running') {
    return {
      status: 'Healthy',
      message: `Install of Apigee ${component} is done`,
    };
  }
  return {
    status: 'Progressing',
    message: `An install plan for an Apigee ${component} is pending installation`,
  };
}

/** Apigee `ApigeeDatastore` health from its install state. @public */
export function apigeeDatastoreHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Datastore');
}

/** Apigee `ApigeeDeployment` health from its install state. @public */
export function apigeeDeploymentHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Deployment');
}

/** Apigee `ApigeeEnvironment` health from its install state. @public */
export function apigeeEnvironmentHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Environment');
}

/** Apigee `ApigeeOrganization` health from its install state. @public */
export function apigeeOrganizationHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Organization');
}

/** Apigee `ApigeeRedis` health from its install state. @public */
export function apigeeRedisHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Redis');
}

/** Apigee `ApigeeTelemetry` health from its install state. @public */
export function apigeeTelemetryHealth(obj: KubeObject): ResourceHealth {
  return apigeeInstallHealth(obj, 'Telemetry');
}

/**
 * Health checks of the addon operators, keyed `group/Kind` as Argo CD's
 * resource_customizations folders are.
 * @public
 */
export const addonOperatorsHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'addons.projectcapsule.dev/SopsSecret': sopsSecretHealth,
    'addons.projectcapsule.dev/GlobalSopsSecret': globalSopsSecretHealth,
    'addons.projectcapsule.dev/SopsProvider': sopsProviderHealth,
    'argocd-image-updater.argoproj.io/ImageUpdater': imageUpdaterHealth,
    'autoscaling.k8s.io/VerticalPodAutoscaler': verticalPodAutoscalerHealth,
    'camel.apache.org/Integration': camelIntegrationHealth,
    'apigee.cloud.google.com/ApigeeDatastore': apigeeDatastoreHealth,
    'apigee.cloud.google.com/ApigeeDeployment': apigeeDeploymentHealth,
    'apigee.cloud.google.com/ApigeeEnvironment': apigeeEnvironmentHealth,
    'apigee.cloud.google.com/ApigeeOrganization': apigeeOrganizationHealth,
    'apigee.cloud.google.com/ApigeeRedis': apigeeRedisHealth,
    'apigee.cloud.google.com/ApigeeTelemetry': apigeeTelemetryHealth,
  };
