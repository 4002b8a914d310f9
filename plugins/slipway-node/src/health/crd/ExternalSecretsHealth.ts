import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { at, conditionsOf, str } from '../fields';
import { conditionHealth } from './conditionHealth';

/**
 * External Secrets `ExternalSecret` health from its `Ready` condition. With
 * `refreshPolicy: OnChange` a Ready condition older than the last refresh is
 * stale and not trusted.
 * @public
 */
export function externalSecretHealth(
  obj: KubeObject,
): ResourceHealth | undefined {
  const onChange = at(obj, 'spec', 'refreshPolicy') === 'OnChange';
  const refreshTime = str(at(obj, 'status', 'refreshTime'));
  for (const c of conditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (onChange && (c.lastTransitionTime ?? '') < refreshTime) continue;
    if (c.status === 'False') return { status: 'Degraded', message: c.message };
    if (c.status === 'True') return { status: 'Healthy', message: c.message };
    return undefined;
  }
  return { status: 'Progressing', message: 'Waiting for ExternalSecret' };
}

/**
 * External Secrets `ClusterExternalSecret` health. The controller appends
 * conditions, so the last one is the current state: Ready is Healthy,
 * PartiallyReady or NotReady is Degraded.
 * @public
 */
export function clusterExternalSecretHealth(obj: KubeObject): ResourceHealth {
  const conditions = conditionsOf(obj);
  const last = conditions[conditions.length - 1];
  if (last && last.status === 'True') {
    if (last.type === 'Ready')
      return { status: 'Healthy', message: last.message };
    if (last.type === 'PartiallyReady' || last.type === 'NotReady') {
      return { status: 'Degraded', message: last.message };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for ClusterExternalSecret',
  };
}

/** External Secrets `SecretStore` health from its `Ready` condition. @public */
export function secretStoreHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(obj, 'Ready', 'Waiting for SecretStore');
}

/** External Secrets `ClusterSecretStore` health from its `Ready` condition. @public */
export function clusterSecretStoreHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(obj, 'Ready', 'Waiting for ClusterSecretStore');
}

/** External Secrets `PushSecret` health from its `Ready` condition. @public */
export function pushSecretHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(obj, 'Ready', 'Waiting for PushSecret');
}
