import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { conditionsOf } from '../fields';
import { conditionHealth } from './conditionHealth';

/**
 * cert-manager `Certificate` health: while `Issuing` is true the certificate
 * is being (re)issued: Progressing; otherwise its `Ready` condition decides.
 * @public
 */
export function certificateHealth(obj: KubeObject): ResourceHealth {
  const issuing = conditionsOf(obj).find(
    c => c.type === 'Issuing' && c.status === 'True',
  );
  if (issuing) return { status: 'Progressing', message: issuing.message };
  return conditionHealth(obj, 'Ready', 'Waiting for certificate');
}

/** cert-manager `Issuer` health from its `Ready` condition. @public */
export function issuerHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(obj, 'Ready', 'Initializing issuer');
}

/** cert-manager `ClusterIssuer` health from its `Ready` condition. @public */
export function clusterIssuerHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(obj, 'Ready', 'Initializing ClusterIssuer');
}
