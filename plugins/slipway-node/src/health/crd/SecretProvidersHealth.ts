import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { withMessage } from './luaValues';

/**
 * 1Password Connect operator `OnePasswordItem` health from the first Ready
 * condition that is True (Healthy) or False (Degraded), with its message;
 * until the operator writes one, it waits for the controller.
 * @public
 */
export function onePasswordItemHealth(obj: KubeObject): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.type === 'Ready' && c.status === 'True') {
      return withMessage('Healthy', c.message);
    }
    if (c.type === 'Ready' && c.status === 'False') {
      return withMessage('Degraded', c.message);
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for controller to report status',
  };
}

/**
 * Vault Secrets Operator `VaultStaticSecret` health. The operator records
 * the MAC of the secret data it synced; until there is one, the secret was
 * never read from Vault, which Argo CD shows as Degraded straight away (the
 * operator's events say why).
 * @public
 */
export function vaultStaticSecretHealth(obj: KubeObject): ResourceHealth {
  if (!isNil(at(obj, 'status', 'secretMAC'))) {
    return { status: 'Healthy', message: 'Secret was found' };
  }
  return {
    status: 'Degraded',
    message:
      'Either the service account cannot authenticate with Vault or requested secret not found - view events for more information',
  };
}

/**
 * Slipway's checks for secret-provider operators (1Password, HashiCorp
 * Vault), keyed as Argo CD's resource_customizations folders are named.
 * @public
 */
export const secretProvidersHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'onepassword.com/OnePasswordItem': onePasswordItemHealth,
  'secrets.hashicorp.com/VaultStaticSecret': vaultStaticSecretHealth,
};
